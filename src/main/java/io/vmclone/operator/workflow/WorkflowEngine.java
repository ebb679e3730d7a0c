package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs a clone's workflow one step at a time from its journal.
 *
 * <p>Write order ({@link ActionAttempt}), which makes a crash anywhere recoverable: a STARTED entry
 * is committed before an action's side effect (with the nonce of the attempt's creation key, {@link
 * CreationKeys}, which marks every object the attempt creates as provably the task's), a DONE entry
 * with the action's data after it; the caller patches the status afterwards. On failure the
 * workflow is undone ({@link Rollback}); the final COMMITTED entry and the task's success are one
 * transaction.
 *
 * <p>A journal another incarnation left unfinished is recovered ({@link Recovery}) before it runs
 * forward. Every step first checks that this process still leads (a fenced process makes no side
 * effect), and, before an action's side effect, that the requester still holds the rights it needs
 * when the last check is old ({@link RightsCheck}). Errors that retrying can fix (API server or
 * database unreachable) propagate to the caller with nothing written after the last commit; the
 * step is simply run again.
 *
 * <p>Each journal write that people should hear about is reported ({@link StepReporter}): a log
 * line, an event notice in the outcome, a metric.
 */
@ApplicationScoped
public class WorkflowEngine {

  private final Workflow workflow;
  private final JournalRepository journal;
  private final Recovery recovery;
  private final RightsCheck rights;
  private final CrashPoints crashPoints;
  private final StepReporter reporter;
  private final Incarnation incarnation;
  private final CreationKeySource creationKeys;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final Rollback rollback;
  private final ActionAttempt attempt;

  public WorkflowEngine(
      Workflow workflow,
      JournalRepository journal,
      Recovery recovery,
      RightsCheck rights,
      CrashPoints crashPoints,
      StepReporter reporter,
      Incarnation incarnation,
      CreationKeySource creationKeys,
      ObjectMapper mapper,
      Clock clock) {
    this.workflow = workflow;
    this.journal = journal;
    this.recovery = recovery;
    this.rights = rights;
    this.crashPoints = crashPoints;
    this.reporter = reporter;
    this.incarnation = incarnation;
    this.creationKeys = creationKeys;
    this.mapper = mapper;
    this.clock = clock;
    this.rollback = new Rollback(workflow, journal, recovery, reporter, mapper);
    this.attempt =
        new ActionAttempt(workflow, journal, rights, crashPoints, reporter, rollback, mapper);
  }

  public Workflow workflow() {
    return workflow;
  }

  /** Runs at most one action forward, recovers an interrupted task, or finishes an undo. */
  public StepOutcome step(TaskJournal loaded) {
    if (loaded.isFinished()) {
      return finished();
    }
    journal.checkLeadership();
    TaskContext context = context(loaded);
    if (loaded.isRecovering()) {
      return settle(context);
    }
    if (loaded.isInterruptedFor(incarnation.id())) {
      return recovery.flag(context);
    }
    if (loaded.isHandedOver() && !Rollback.failing(loaded)) {
      Optional<ActionResult.Failed> revoked = recovery.takeOver(context);
      if (revoked.isPresent()) {
        return rollback.fail(
            context,
            workflow.next(loaded).map(Action::name).orElse(PseudoActions.COMMIT),
            revoked.get());
      }
    }
    Optional<StepOutcome> undoing = rollback.resume(context);
    if (undoing.isPresent()) {
      return undoing.get();
    }
    Optional<Action> next = workflow.next(loaded);
    if (next.isEmpty()) {
      return commit(context);
    }
    Action action = next.get();
    if (context.now().isAfter(loaded.task().deadline())) {
      return rollback.fail(
          context,
          action.name(),
          ActionResult.failed(
              Reasons.DEADLINE_EXCEEDED,
              "the clone did not finish before its deadline " + loaded.task().deadline()));
    }
    return attempt.run(context, action);
  }

  /**
   * A task a recovery scan marked recovering, told as such (its Interrupted notice, nothing
   * written) before a step settles it.
   */
  public StepOutcome announceRecovery(TaskJournal loaded) {
    return recovery.announce(context(loaded));
  }

  /** Fails a running workflow from outside (the clone was deleted) and undoes it. */
  public StepOutcome cancel(TaskJournal loaded, String reason, String message) {
    if (loaded.isFinished()) {
      return finished();
    }
    return rollback.cancel(context(loaded), reason, message);
  }

  /**
   * What the clone's status shows of this journal, after a step that came out as {@code outcome}.
   */
  public CloneFacts facts(TaskJournal loaded, StepOutcome outcome) {
    return CloneFacts.of(
        new TaskContext(
            loaded, SpecReader.read(mapper, loaded.task()), clock.instant(), creationKeys),
        workflow.actions(),
        outcome);
  }

  /**
   * The context actions see for this journal: its spec, derived names, the time now and the
   * creation keys (loaded here, so that a step, or an undo, never runs without them).
   */
  private TaskContext context(TaskJournal loaded) {
    creationKeys.keys();
    return new TaskContext(
        loaded, SpecReader.read(mapper, loaded.task()), clock.instant(), creationKeys);
  }

  private StepOutcome settle(TaskContext context) {
    Optional<ActionResult.Failed> verdict = recovery.settle(context);
    Optional<StepOutcome> undoing = rollback.resume(context);
    if (undoing.isPresent()) {
      return undoing.get();
    }
    String step = workflow.next(context.journal()).map(Action::name).orElse(PseudoActions.COMMIT);
    if (verdict.isPresent()) {
      return rollback.fail(context, step, verdict.get());
    }
    String message = "recovered; " + step + " goes on";
    return new StepOutcome(
        Kind.ADVANCED, step, null, message, List.of(Notice.normal(Reasons.RESTARTED, message)));
  }

  private StepOutcome commit(TaskContext context) {
    journal.commit(context.task().id(), result(context));
    crashPoints.reach(CrashPoints.AFTER_COMMIT);
    return new StepOutcome(
        Kind.SUCCEEDED,
        PseudoActions.COMMIT,
        null,
        "clone committed",
        List.of(reporter.succeeded(context.targetNamespace(), context.targetName())));
  }

  private static StepOutcome finished() {
    return new StepOutcome(Kind.FINISHED, null, null, null, List.of());
  }

  private ObjectNode result(TaskContext context) {
    return mapper
        .createObjectNode()
        .put("targetNamespace", context.targetNamespace())
        .put("targetName", context.targetName());
  }
}
