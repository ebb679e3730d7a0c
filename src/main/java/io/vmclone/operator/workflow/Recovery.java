package io.vmclone.operator.workflow;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.RecoveryResolutions;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Recovery of one interrupted task, in two parts: first the task is marked recovering and its
 * source flagged in recovery (database flag and the {@value VmPlatform#IN_RECOVERY_ANNOTATION}
 * annotation), which a new leader's scan does for every interrupted task; then the restart policy
 * decides, and a task that may go on gets the interrupted action inspected, a RESTARTED entry, one
 * more restart counted and its flags cleared, in one transaction, before it runs forward again.
 * Before a restart the requester's preserved identity is revived and checked ({@link
 * IdentityCheck}). People hear of both: an Interrupted notice ({@link #announce}, or {@link #flag}
 * for a task no scan marked), then the decision's.
 */
@ApplicationScoped
public class Recovery {

  private final Workflow workflow;
  private final RecoveryResolutions resolutions;
  private final RecoveryRepository recovery;
  private final VmPlatform platform;
  private final RestartPolicy policy;
  private final IdentityCheck identity;
  private final StepReporter reporter;

  public Recovery(
      Workflow workflow,
      RecoveryResolutions resolutions,
      RecoveryRepository recovery,
      VmPlatform platform,
      RestartPolicy policy,
      IdentityCheck identity,
      StepReporter reporter) {
    this.workflow = workflow;
    this.resolutions = resolutions;
    this.recovery = recovery;
    this.platform = platform;
    this.policy = policy;
    this.identity = identity;
    this.reporter = reporter;
  }

  /** Marks the task recovering and flags its source. */
  StepOutcome flag(TaskContext context) {
    boolean markedNow = recovery.markInterrupted(context.task().id());
    platform.markInRecovery(context.source(), context.taskId());
    String step = interruptedStep(context.journal());
    String message = "interrupted " + where(context.journal()) + "; recovering";
    return new StepOutcome(
        Kind.RECOVERING,
        step,
        null,
        message,
        List.of(reporter.interrupted(step, message, markedNow)));
  }

  /**
   * Tells of a task a recovery scan marked recovering (and counted), so that people hear of the
   * interruption before the decision: its Interrupted notice. Writes nothing.
   */
  StepOutcome announce(TaskContext context) {
    String step = interruptedStep(context.journal());
    String message = "interrupted " + where(context.journal()) + "; recovering";
    return new StepOutcome(
        Kind.RECOVERING, step, null, message, List.of(reporter.interrupted(step, message, false)));
  }

  /**
   * Settles a recovering task: empty when it restarted (or its interrupted undo may go on), the
   * failure when the restart policy refuses.
   */
  Optional<ActionResult.Failed> settle(TaskContext context) {
    TaskJournal loaded = context.journal();
    boolean undoing = loaded.entries().stream().anyMatch(e -> e.state() == EntryState.FAILED);
    if (undoing) {
      resolutions.clearRecovery(loaded.task().id());
      platform.clearInRecovery(context.source(), context.taskId());
      reporter.decided(CloneMetrics.UNDO_RESUMED, "the interrupted undo goes on");
      return Optional.empty();
    }
    Optional<ActionResult.Failed> verdict =
        policy.decide(context).or(() -> identity.revive(context));
    if (verdict.isPresent()) {
      reporter.decided(verdict.get().reason(), verdict.get().message());
      return verdict;
    }
    Optional<Action> interrupted = interruptedAction(loaded);
    String found = interrupted.map(action -> action.recover(context)).orElse("");
    String entryAction = interrupted.map(Action::name).orElse(PseudoActions.WORKFLOW);
    String message = restartMessage(context, found);
    resolutions.restart(loaded.task().id(), entryAction, message);
    platform.clearInRecovery(context.source(), context.taskId());
    reporter.decided(CloneMetrics.RESTARTED, message);
    return Optional.empty();
  }

  /**
   * Takes over a task another process handed over on a clean shutdown: not an interruption, so no
   * restart is counted, but this process acts for the requester from now on, so their identity is
   * revived as after a crash. Empty when the task may go on (and it is now this process's).
   */
  Optional<ActionResult.Failed> takeOver(TaskContext context) {
    Optional<ActionResult.Failed> revoked = identity.revive(context);
    if (revoked.isEmpty()) {
      resolutions.clearRecovery(context.task().id());
    }
    return revoked;
  }

  /** Drops the source's in-recovery annotation of a task that ends while recovering. */
  void clearFlags(TaskContext context) {
    if (context.journal().isRecovering()) {
      platform.clearInRecovery(context.source(), context.taskId());
    }
  }

  static String restartMessage(TaskContext context, String found) {
    int restart = context.task().restarts() + 1;
    return "restart "
        + restart
        + " of at most "
        + context.task().maxRestarts()
        + " after an"
        + " interruption "
        + where(context.journal())
        + (found.isEmpty() ? "" : "; " + found);
  }

  /** The action that was STARTED and not DONE when the process stopped, if one was. */
  private Optional<Action> interruptedAction(TaskJournal loaded) {
    return workflow
        .next(loaded)
        .filter(action -> loaded.lastEntryOf(action.name(), EntryState.STARTED).isPresent());
  }

  private String interruptedStep(TaskJournal loaded) {
    return workflow.next(loaded).map(Action::name).orElse(PseudoActions.COMMIT);
  }

  private static String where(TaskJournal loaded) {
    if (loaded.entries().isEmpty()) {
      return "before the first step";
    }
    var last = loaded.entries().get(loaded.entries().size() - 1);
    return last.state() == EntryState.STARTED
        ? "during " + last.action()
        : "after " + last.action() + " " + last.state();
  }
}
