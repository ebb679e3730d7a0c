package io.vmclone.operator.platform.kubevirt;

import io.vmclone.operator.platform.PlatformException;

/** The refusals of this package, as {@link PlatformException}s with their condition reasons. */
final class Refusals {

  /** The source VM has something a clone cannot copy (persistent TPM/EFI, hostDisk, ...). */
  static final String SOURCE_NOT_CLONEABLE = "SourceNotCloneable";

  /** The clone's spec asks for something that cannot be done with this source. */
  static final String INVALID_SPEC = "InvalidSpec";

  private Refusals() {}

  static PlatformException sourceNotCloneable(String message) {
    return new PlatformException(SOURCE_NOT_CLONEABLE, message);
  }

  static PlatformException invalidSpec(String message) {
    return new PlatformException(INVALID_SPEC, message);
  }
}
