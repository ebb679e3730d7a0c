package io.vmclone.operator.platform;

import io.vmclone.operator.api.VirtualMachineCloneSpec;

/**
 * What a clone asks of its target VM, for {@link TargetPlanning}.
 *
 * @param spec the clone's spec
 * @param cloneUid the clone's UID, from which the copies' DataVolume names derive by default
 *     ({@code ChildNames.dataVolumeName}, by the spec's volume name policy)
 * @param taskId the value of the {@value VmPlatform#TASK_LABEL} label the target gets
 * @param targetNamespace where the target goes
 * @param targetName the target's name
 * @param defaultSerial the SMBIOS serial when the spec gives none
 */
public record TargetRequest(
    VirtualMachineCloneSpec spec,
    String cloneUid,
    String taskId,
    String targetNamespace,
    String targetName,
    String defaultSerial) {}
