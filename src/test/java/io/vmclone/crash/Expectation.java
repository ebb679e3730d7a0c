package io.vmclone.crash;

import io.vmclone.operator.api.ClonePhase;
import java.util.List;

/**
 * What must become of a clone, given the interruptions it saw: the restart policy of
 * docs/design.md#recovery restated on its own. Each stop that found the clone's journal running
 * forward is one interruption: with continuous operation disabled the clone fails {@code
 * Interrupted}; once it has used up its restarts it fails {@code MaxRestartsExceeded}; otherwise it
 * restarts once more. A clone already committed (or not yet opened) at a stop was not interrupted
 * by it.
 *
 * @param phase Succeeded or Failed
 * @param reason the reason of a failure; null for a success, or for a failure of any reason
 * @param restarts the restarts the clone's task must count
 */
record Expectation(ClonePhase phase, String reason, int restarts) {

  static final String INTERRUPTED = "Interrupted";
  static final String MAX_RESTARTS_EXCEEDED = "MaxRestartsExceeded";

  static Expectation of(CloneRef clone, List<Interruption> stops, boolean continuousEnabled) {
    int restarts = 0;
    for (Interruption stop : stops) {
      switch (stop.of(clone)) {
        case NOT_OPENED, RECOVERING -> {
          // nothing new was interrupted; a pending recovery settles once
        }
        case COMMITTED -> {
          return new Expectation(ClonePhase.Succeeded, null, restarts);
        }
        case ABORTED, UNDOING -> {
          return new Expectation(ClonePhase.Failed, null, restarts);
        }
        case PENDING -> {
          if (!continuousEnabled) {
            return new Expectation(ClonePhase.Failed, INTERRUPTED, restarts);
          }
          if (restarts >= clone.effectiveMaxRestarts()) {
            return new Expectation(ClonePhase.Failed, MAX_RESTARTS_EXCEEDED, restarts);
          }
          restarts++;
        }
      }
    }
    return new Expectation(ClonePhase.Succeeded, null, restarts);
  }

  boolean succeeds() {
    return phase == ClonePhase.Succeeded;
  }

  @Override
  public String toString() {
    return phase + (reason == null ? "" : " " + reason) + " after " + restarts + " restart(s)";
  }
}
