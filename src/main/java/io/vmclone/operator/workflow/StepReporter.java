package io.vmclone.operator.workflow;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.metrics.CloneMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * What people and dashboards hear about each step of a clone, in one place: a log line (with the
 * action in the MDC), the notice the caller publishes as an Event, and the metric. Event reasons
 * are the constants of {@link Reasons}. The engine calls it right after the journal write that made
 * the step true, so an event never announces what the journal does not hold.
 */
@ApplicationScoped
public class StepReporter {

  private static final Logger LOG = Logger.getLogger(StepReporter.class);

  private final CloneMetrics metrics;

  public StepReporter(CloneMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * The action's STARTED entry was written (once per start, not per poll). Told in the log and the
   * status (the step under way), not as an event: an event is a write to etcd, and one per step
   * (its completion) says what people need.
   */
  void started(String action) {
    CloneMdc.action(action);
    LOG.info("step started");
  }

  /** The action's DONE entry was written; it first started at {@code firstStart}. */
  Notice completed(String action, Instant firstStart, JournalEntry done, String message) {
    Duration elapsed = Duration.between(firstStart, done.writtenAt());
    metrics.actionCompleted(action, elapsed);
    LOG.infof("step completed in %d ms: %s", elapsed.toMillis(), LogText.escape(message));
    return Notice.normal(Reasons.STEP_COMPLETED, action + ": " + message);
  }

  /** The action's FAILED entry was written; undo follows. */
  Notice failed(String action, ActionResult.Failed failed) {
    CloneMdc.action(action);
    LOG.warnf("step failed (%s): %s", failed.reason(), LogText.escape(failed.message()));
    return Notice.warning(
        Reasons.STEP_FAILED,
        action + " failed (" + failed.reason() + "); undoing what the clone did");
  }

  /** The action's UNDONE entry was written; {@code problem} is null when the undo went well. */
  Notice undone(String action, String problem) {
    CloneMdc.action(action);
    if (problem == null) {
      LOG.info("step undone");
      return Notice.normal(Reasons.STEP_UNDONE, action + " undone");
    }
    LOG.warn(LogText.escape(problem));
    return Notice.warning(Reasons.UNDO_FAILED, problem);
  }

  /** The workflow committed. */
  Notice succeeded(String targetNamespace, String targetName) {
    CloneMdc.action(PseudoActions.COMMIT);
    metrics.cloneSucceeded();
    String message = "VirtualMachine " + targetNamespace + "/" + targetName + " is ready";
    LOG.infof("clone committed: %s", LogText.escape(message));
    return Notice.normal(Reasons.CLONE_SUCCEEDED, message);
  }

  /** The workflow aborted with the reason, after its undo. */
  Notice aborted(String reason, String message) {
    metrics.cloneFailed(reason);
    LOG.warnf("clone failed (%s): %s", reason, LogText.escape(message));
    return Notice.warning(reason, message);
  }

  /**
   * A task was found interrupted; {@code markedNow} when this call marked it recovering (a recovery
   * scan that marked it first has counted it already).
   */
  Notice interrupted(String step, String message, boolean markedNow) {
    CloneMdc.action(step);
    if (markedNow) {
      metrics.recoveriesStarted(1);
    }
    LOG.warn(LogText.escape(message));
    return Notice.warning(Reasons.INTERRUPTED, message);
  }

  /** Recovery decided about an interrupted task: one of the decisions of {@link CloneMetrics}. */
  void decided(String decision, String message) {
    metrics.restartDecision(decision);
    LOG.infof("recovery decided %s: %s", decision, LogText.escape(message));
  }
}
