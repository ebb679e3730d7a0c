package io.vmclone.operator.platform.kubevirt;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.PlatformException;

/** The refusals of this package, as {@link PlatformException}s with their condition reasons. */
final class Refusals {

  private Refusals() {}

  /** The source VM has something a clone cannot copy (persistent TPM/EFI, hostDisk, ...). */
  static PlatformException sourceNotCloneable(String message) {
    return new PlatformException(Reasons.SOURCE_NOT_CLONEABLE, message);
  }

  /**
   * An object of a name the clone needs exists and is not provably the clone's ({@link
   * io.vmclone.operator.platform.Ownership}); it is left alone.
   */
  static PlatformException nameConflict(String message) {
    return new PlatformException(Reasons.NAME_CONFLICT, message);
  }

  /** The clone's spec asks for something that cannot be done with this source. */
  static PlatformException invalidSpec(String message) {
    return new PlatformException(Reasons.INVALID_SPEC, message);
  }
}
