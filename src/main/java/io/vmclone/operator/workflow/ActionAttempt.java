package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.metrics.ActionTimes;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One attempt of an action, in the journal's write order: the requester's rights checked again if
 * the last check is old ({@link RightsCheck}), a STARTED entry with the attempt's creation nonce
 * committed before the side effect (once per attempt, not per poll), then the action, then a DONE
 * entry with its data, the progress, or the failure and its undo ({@link Rollback}). The crash
 * points sit between these writes.
 */
final class ActionAttempt {

  private final Workflow workflow;
  private final JournalRepository journal;
  private final RightsCheck rights;
  private final CrashPoints crashPoints;
  private final StepReporter reporter;
  private final Rollback rollback;
  private final ObjectMapper mapper;

  ActionAttempt(
      Workflow workflow,
      JournalRepository journal,
      RightsCheck rights,
      CrashPoints crashPoints,
      StepReporter reporter,
      Rollback rollback,
      ObjectMapper mapper) {
    this.workflow = workflow;
    this.journal = journal;
    this.rights = rights;
    this.crashPoints = crashPoints;
    this.reporter = reporter;
    this.rollback = rollback;
    this.mapper = mapper;
  }

  StepOutcome run(TaskContext context, Action action) {
    CloneMdc.action(action.name());
    Optional<ActionResult.Failed> revoked = rights.beforeSideEffect(context, action.name());
    if (revoked.isPresent()) {
      return rollback.fail(context, action.name(), revoked.get());
    }
    List<Notice> notices = new ArrayList<>();
    Optional<Instant> firstStart = ActionTimes.firstStart(context.journal(), action.name());
    if (context.journal().lastEntryOf(action.name(), EntryState.STARTED).isEmpty()) {
      JournalEntry entry =
          journal.append(
              context.task().id(),
              action.name(),
              EntryState.STARTED,
              CreationKeys.startedData(mapper),
              null);
      firstStart = firstStart.or(() -> Optional.of(entry.writtenAt()));
      reporter.started(action.name());
      context = context.withEntry(entry);
    }
    crashPoints.reach(CrashPoints.BEFORE_SIDE_EFFECT, action.name());
    return recorded(context, action, execute(context, action), firstStart, notices);
  }

  /** Journals what the action's attempt came to, and says so. */
  private StepOutcome recorded(
      TaskContext context,
      Action action,
      ActionResult result,
      Optional<Instant> firstStart,
      List<Notice> notices) {
    UUID taskId = context.task().id();
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
    StepOutcome failed = rollback.fail(context, action.name(), (ActionResult.Failed) result);
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
}
