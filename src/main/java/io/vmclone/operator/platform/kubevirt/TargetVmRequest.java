package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.Map;
import java.util.Objects;

/**
 * Everything {@link TargetVmBuilder} needs to build the target VirtualMachine.
 *
 * @param sourceVm the source VM manifest (the live VM, or the VM a snapshot recorded); not changed
 * @param spec the clone's spec
 * @param targetNamespace where the target goes
 * @param targetName the target's name
 * @param taskId the value of the {@code vmclone.io/task-id} label the target gets
 * @param defaultSerial the SMBIOS serial when the spec gives none (derived from the clone UID)
 * @param copies the disk copies by volume name: one for every volume {@link
 *     VmVolumes#volumesToCopy} lists
 */
record TargetVmRequest(
    ObjectNode sourceVm,
    VirtualMachineCloneSpec spec,
    String targetNamespace,
    String targetName,
    String taskId,
    String defaultSerial,
    Map<String, DiskCopy> copies) {

  TargetVmRequest {
    Objects.requireNonNull(sourceVm, "sourceVm");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(targetNamespace, "targetNamespace");
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(defaultSerial, "defaultSerial");
    copies = Map.copyOf(copies);
  }
}
