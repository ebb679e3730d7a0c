package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a clone can copy a VM. It cannot when the VM keeps state outside its volumes that a
 * snapshot does not capture, or has volumes this operator does not know how to copy:
 *
 * <ul>
 *   <li>a persistent vTPM ({@code devices.tpm.persistent: true}) or persistent EFI variables
 *       ({@code firmware.bootloader.efi.persistent: true}): KubeVirt keeps them in a claim of its
 *       own, and a clone with a copy of another machine's TPM or EFI store is not a new machine;
 *   <li>{@code hostDisk} volumes: a file on one node's filesystem;
 *   <li>{@code memoryDump} volumes and any volume kind not listed in {@link VmVolumes}.
 * </ul>
 *
 * <p>Run it before taking a snapshot, so that a clone that cannot succeed fails before it does
 * anything; {@link TargetVmBuilder} runs it again.
 */
final class Cloneability {

  private Cloneability() {}

  /**
   * Refuses a VM a clone cannot copy, naming every reason.
   *
   * @throws io.vmclone.operator.platform.PlatformException with reason {@code SourceNotCloneable}
   */
  static void requireCloneable(ObjectNode vm) {
    List<String> reasons = reasons(vm);
    if (!reasons.isEmpty()) {
      throw Refusals.sourceNotCloneable(
          "VM "
              + Manifests.text(vm, "metadata", "name")
              + " cannot be cloned: "
              + String.join("; ", reasons));
    }
  }

  /** Why the VM cannot be cloned; empty if it can. */
  static List<String> reasons(ObjectNode vm) {
    List<String> reasons = new ArrayList<>();
    if (!"VirtualMachine".equals(Manifests.text(vm, "kind"))) {
      reasons.add("the manifest is not a VirtualMachine but " + Manifests.text(vm, "kind"));
      return reasons;
    }
    ObjectNode vmiSpec = Manifests.object(vm, "spec", "template", "spec");
    if (vmiSpec == null || Manifests.object(vmiSpec, "domain") == null) {
      reasons.add("the manifest has no spec.template.spec.domain");
      return reasons;
    }
    if (Manifests.isTrue(vmiSpec, "domain", "devices", "tpm", "persistent")) {
      reasons.add("it has a persistent TPM (devices.tpm.persistent), whose state is not copied");
    }
    if (Manifests.isTrue(vmiSpec, "domain", "firmware", "bootloader", "efi", "persistent")) {
      reasons.add(
          "it has persistent EFI variables (firmware.bootloader.efi.persistent), whose state is"
              + " not copied");
    }
    for (JsonNode volume : VmVolumes.volumes(vm)) {
      volumeProblem(volume).ifPresent(reasons::add);
    }
    return reasons;
  }

  private static Optional<String> volumeProblem(JsonNode volume) {
    String name = Manifests.text(volume, "name");
    String type = Manifests.volumeType(volume);
    if (VmVolumes.backing(volume).isPresent() || VmVolumes.SHARED_AS_IS.contains(type)) {
      return Optional.empty();
    }
    if ("hostDisk".equals(type)) {
      return Optional.of(
          "volume " + name + " is a hostDisk, a file on one node that cannot be copied");
    }
    if ("memoryDump".equals(type)) {
      return Optional.of(
          "volume " + name + " holds a memory dump; remove the dump from the VM first");
    }
    return Optional.of(
        "volume " + name + " is of a kind this operator cannot clone (" + type + ")");
  }
}
