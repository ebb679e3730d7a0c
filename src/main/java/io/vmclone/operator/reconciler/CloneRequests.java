package io.vmclone.operator.reconciler;

import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.workflow.CloneRequest;
import java.time.Instant;

/** A clone CR as the workflow reads it ({@link CloneRequest}). */
final class CloneRequests {

  private CloneRequests() {}

  static CloneRequest of(VirtualMachineClone clone) {
    VirtualMachineCloneStatus status = clone.getStatus();
    String created = clone.getMetadata().getCreationTimestamp();
    return new CloneRequest(
        clone.getMetadata().getNamespace(),
        clone.getMetadata().getName(),
        clone.getMetadata().getUid(),
        created == null ? null : Instant.parse(created),
        clone.getSpec(),
        clone.getMetadata().getAnnotations(),
        status == null ? null : status.getPhase(),
        status == null ? null : status.getTaskId(),
        generation(clone),
        status == null ? null : status.getObservedGeneration());
  }

  static long generation(VirtualMachineClone clone) {
    Long generation = clone.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
