package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.PlatformException;

/** The refusals of this package, as {@link PlatformException}s with their condition reasons. */
final class Refusals {

  private Refusals() {}

  /** The source VM has something a clone cannot copy (persistent TPM/EFI, hostDisk, ...). */
  static PlatformException sourceNotCloneable(String message) {
    return new PlatformException(Reasons.SOURCE_NOT_CLONEABLE, message);
  }

  /**
   * Refuses, with the reason, an existing object of a name the clone needs that is not provably the
   * owner's ({@link Labels#isOurs}); it is left alone.
   *
   * @param creator who did not create it, for the message ("this clone", "task ...")
   */
  static void requireOurs(
      KubeVirtResource resource,
      JsonNode object,
      String namespace,
      String name,
      Ownership owner,
      String reason,
      String creator) {
    if (!Labels.isOurs(resource, object, owner)) {
      throw new PlatformException(
          reason,
          resource.kind()
              + " "
              + namespace
              + "/"
              + name
              + " exists and was not created by "
              + creator
              + "; it was left untouched");
    }
  }

  /** The clone's spec asks for something that cannot be done with this source. */
  static PlatformException invalidSpec(String message) {
    return new PlatformException(Reasons.INVALID_SPEC, message);
  }
}
