package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.metrics.ActionTimes;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs a clone's workflow one step at a time from its journal.
 *
 * <p>Write order, which makes a crash anywhere recoverable: a STARTED entry is committed before an
 * action's side effect (with the nonce of the attempt's creation key, {@link CreationKeys}, which
 * marks every object the attempt creates as provably the task's), a DONE entry with the action's
 * data after it; the caller patches the status afterwards. On failure every action that may have
 * left something behind is undone in reverse order (each gets an UNDONE entry), then the journal is
 * ABORTED together with the task in one transaction. A FAILED entry in a PENDING journal means
 * "undo in progress", so an interrupted undo resumes where it stopped.
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
    if (loaded.isHandedOver() && firstFailure(loaded).isEmpty()) {
      Optional<ActionResult.Failed> revoked = recovery.takeOver(context);
      if (revoked.isPresent()) {
        return fail(
            context,
            workflow.next(loaded).map(Action::name).orElse(PseudoActions.COMMIT),
            revoked.get());
      }
    }
    Optional<JournalEntry> failure = firstFailure(loaded);
    if (failure.isPresent()) {
      JournalEntry failed = failure.get();
      return undoAll(context, failed.action(), reasonOf(failed), failed.message());
    }
    Optional<Action> next = workflow.next(loaded);
    if (next.isEmpty()) {
      return commit(context);
    }
    Action action = next.get();
    if (context.now().isAfter(loaded.task().deadline())) {
      return fail(
          context,
          action,
          ActionResult.failed(
              Reasons.DEADLINE_EXCEEDED,
              "the clone did not finish before its deadline " + loaded.task().deadline()));
    }
    return run(context, action);
  }

  /**
   * A task a recovery scan marked recovering, shown as such (with its Interrupted notice) before
   * the next step settles it.
   */
  public StepOutcome announceRecovery(TaskJournal loaded) {
    return recovery.announce(context(loaded));
  }

  /** Fails a running workflow from outside (the clone was deleted) and undoes it. */
  public StepOutcome cancel(TaskJournal loaded, String reason, String message) {
    if (loaded.isFinished()) {
      return finished();
    }
    TaskContext context = context(loaded);
    if (firstFailure(loaded).isEmpty()) {
      journal.append(
          loaded.task().id(), PseudoActions.CANCEL, EntryState.FAILED, reasonData(reason), message);
    }
    return undoAll(context, PseudoActions.CANCEL, reason, message);
  }

  /**
   * The context actions see for this journal: its spec, derived names, the time now and the
   * creation keys (loaded here, so that a step, or an undo, never runs without them).
   */
  public TaskContext context(TaskJournal loaded) {
    return new TaskContext(
        loaded, SpecReader.read(mapper, loaded.task()), clock.instant(), creationKeys.keys());
  }

  private StepOutcome settle(TaskContext context) {
    Optional<ActionResult.Failed> verdict = recovery.settle(context);
    Optional<JournalEntry> failure = firstFailure(context.journal());
    if (failure.isPresent()) {
      JournalEntry failed = failure.get();
      return undoAll(context, failed.action(), reasonOf(failed), failed.message());
    }
    String step = workflow.next(context.journal()).map(Action::name).orElse(PseudoActions.COMMIT);
    if (verdict.isPresent()) {
      return fail(context, step, verdict.get());
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

  private StepOutcome run(TaskContext context, Action action) {
    UUID taskId = context.task().id();
    CloneMdc.action(action.name());
    boolean started = context.journal().lastEntryOf(action.name(), EntryState.STARTED).isPresent();
    Optional<ActionResult.Failed> revoked = rights.beforeSideEffect(context, action.name());
    if (revoked.isPresent()) {
      return fail(context, action, revoked.get());
    }
    List<Notice> notices = new ArrayList<>();
    Optional<Instant> firstStart = ActionTimes.firstStart(context.journal(), action.name());
    if (!started) {
      JournalEntry entry =
          journal.append(
              taskId, action.name(), EntryState.STARTED, CreationKeys.startedData(mapper), null);
      firstStart = firstStart.or(() -> Optional.of(entry.writtenAt()));
      notices.add(reporter.started(action.name()));
      context = context.withEntry(entry);
    }
    crashPoints.reach(CrashPoints.BEFORE_SIDE_EFFECT, action.name());
    ActionResult result = execute(context, action);
    if (result instanceof ActionResult.Done done) {
      crashPoints.reach(CrashPoints.AFTER_SIDE_EFFECT, action.name());
      JournalEntry entry =
          journal.append(taskId, action.name(), EntryState.DONE, done.data(), done.message());
      journal.updateProgress(taskId, workflow.progress(context.journal(), action, 100));
      crashPoints.reach(CrashPoints.AFTER_DONE, action.name());
      notices.add(
          reporter.completed(action.name(), firstStart.orElseThrow(), entry, done.message()));
      return new StepOutcome(Kind.ADVANCED, action.name(), null, done.message(), notices);
    }
    if (result instanceof ActionResult.InProgress progress) {
      journal.updateProgress(
          taskId, workflow.progress(context.journal(), action, progress.percent()));
      return new StepOutcome(Kind.WAITING, action.name(), null, progress.message(), notices);
    }
    if (result instanceof ActionResult.Blocked blocked) {
      return new StepOutcome(
          Kind.BLOCKED, action.name(), blocked.reason(), blocked.message(), notices);
    }
    StepOutcome failed = fail(context, action, (ActionResult.Failed) result);
    notices.addAll(failed.notices());
    return new StepOutcome(
        failed.kind(), failed.action(), failed.reason(), failed.message(), notices);
  }

  private ActionResult execute(TaskContext context, Action action) {
    try {
      return action.execute(context);
    } catch (PlatformException e) {
      return ActionResult.failed(e.reason(), e.getMessage());
    }
  }

  private StepOutcome fail(TaskContext context, Action action, ActionResult.Failed failed) {
    return fail(context, action.name(), failed);
  }

  private StepOutcome fail(TaskContext context, String action, ActionResult.Failed failed) {
    journal.append(
        context.task().id(),
        action,
        EntryState.FAILED,
        reasonData(failed.reason()),
        failed.message());
    Notice notice = reporter.failed(action, failed);
    StepOutcome undone = undoAll(context, action, failed.reason(), failed.message());
    List<Notice> notices = new ArrayList<>(List.of(notice));
    notices.addAll(undone.notices());
    return new StepOutcome(
        undone.kind(), undone.action(), undone.reason(), undone.message(), notices);
  }

  private StepOutcome undoAll(
      TaskContext context, String failedAction, String reason, String message) {
    List<Notice> notices = new ArrayList<>();
    TaskJournal loaded = journal.load(context.task().id()).orElseThrow();
    List<Action> reversed = new ArrayList<>(workflow.actions());
    Collections.reverse(reversed);
    for (Action action : reversed) {
      if (workflow.needsUndo(loaded, action)) {
        notices.addAll(undo(context, action));
      }
    }
    journal.abort(context.task().id(), reason, message);
    recovery.clearFlags(context);
    notices.add(reporter.aborted(reason, message));
    return new StepOutcome(Kind.FAILED, failedAction, reason, message, notices);
  }

  private List<Notice> undo(TaskContext context, Action action) {
    UUID taskId = context.task().id();
    CloneMdc.action(action.name());
    try {
      action.undo(context);
      journal.append(taskId, action.name(), EntryState.UNDONE, null, "undone");
      return List.of(reporter.undone(action.name(), null));
    } catch (RuntimeException e) {
      String problem = "cleanup problem in " + action.name() + ": " + e.getMessage();
      journal.append(taskId, action.name(), EntryState.UNDONE, null, problem);
      return List.of(reporter.undone(action.name(), problem));
    }
  }

  private static StepOutcome finished() {
    return new StepOutcome(Kind.FINISHED, null, null, null, List.of());
  }

  private static Optional<JournalEntry> firstFailure(TaskJournal loaded) {
    return loaded.entries().stream().filter(e -> e.state() == EntryState.FAILED).findFirst();
  }

  private static String reasonOf(JournalEntry failed) {
    return failed.data() != null && failed.data().hasNonNull("reason")
        ? failed.data().get("reason").asText()
        : Reasons.FAILED;
  }

  private ObjectNode reasonData(String reason) {
    return mapper.createObjectNode().put("reason", reason);
  }

  private ObjectNode result(TaskContext context) {
    return mapper
        .createObjectNode()
        .put("targetNamespace", context.targetNamespace())
        .put("targetName", context.targetName());
  }
}
