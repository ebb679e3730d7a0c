package io.vmclone.operator.workflow;

import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.time.Instant;
import java.util.Map;

/**
 * A clone as its reconcile sees it: what its CR says now, and what its status showed before this
 * reconcile (so that a step says only what people have not seen yet).
 *
 * @param createdAt the CR's creationTimestamp, from which its timeout runs (null if unknown)
 * @param shownPhase the phase the status shows, null if none
 * @param shownTaskId the task the status names, null if none
 * @param generation the CR's generation now
 * @param shownGeneration the generation the status was last written for, null if none
 */
public record CloneRequest(
    String namespace,
    String name,
    String uid,
    Instant createdAt,
    VirtualMachineCloneSpec spec,
    Map<String, String> annotations,
    ClonePhase shownPhase,
    String shownTaskId,
    long generation,
    Long shownGeneration) {

  /** Whether the spec changed since the status was last written. */
  boolean newGeneration() {
    return shownGeneration != null && shownGeneration < generation;
  }

  boolean showsFinished() {
    return shownPhase != null && shownPhase.isTerminal();
  }

  boolean showsRecovering() {
    return shownPhase == ClonePhase.Recovering;
  }
}
