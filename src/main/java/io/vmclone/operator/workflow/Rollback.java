package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Undoes a failed workflow: every action that may have left something behind, in reverse order,
 * each with an UNDONE entry (a problem it could not get past is recorded in that entry and told as
 * a Warning, never swallowed), then ABORTED with the task in one transaction and the source's
 * recovery flags cleared. A FAILED entry in a PENDING journal means "undo in progress", so an
 * interrupted undo resumes where it stopped.
 */
final class Rollback {

  private final Workflow workflow;
  private final JournalRepository journal;
  private final Recovery recovery;
  private final StepReporter reporter;
  private final ObjectMapper mapper;

  Rollback(
      Workflow workflow,
      JournalRepository journal,
      Recovery recovery,
      StepReporter reporter,
      ObjectMapper mapper) {
    this.workflow = workflow;
    this.journal = journal;
    this.recovery = recovery;
    this.reporter = reporter;
    this.mapper = mapper;
  }

  /** Whether the journal has a FAILED entry: its undo has begun. */
  static boolean failing(TaskJournal loaded) {
    return firstFailure(loaded).isPresent();
  }

  /** Records that the action failed, tells it, and undoes the workflow. */
  StepOutcome fail(TaskContext context, String action, ActionResult.Failed failed) {
    journal.append(
        context.task().id(),
        action,
        EntryState.FAILED,
        new FailureData(failed.reason()).toJson(mapper),
        failed.message());
    Notice notice = reporter.failed(action, failed);
    StepOutcome undone = undoAll(context, action, failed.reason(), failed.message());
    List<Notice> notices = new ArrayList<>(List.of(notice));
    notices.addAll(undone.notices());
    return new StepOutcome(
        undone.kind(), undone.action(), undone.reason(), undone.message(), notices);
  }

  /** Fails the workflow from outside (the clone was deleted) and undoes it. */
  StepOutcome cancel(TaskContext context, String reason, String message) {
    if (!failing(context.journal())) {
      journal.append(
          context.task().id(),
          PseudoActions.CANCEL,
          EntryState.FAILED,
          new FailureData(reason).toJson(mapper),
          message);
    }
    return undoAll(context, PseudoActions.CANCEL, reason, message);
  }

  /** Finishes an undo an earlier step began (a FAILED entry), if there is one. */
  Optional<StepOutcome> resume(TaskContext context) {
    return firstFailure(context.journal())
        .map(
            failed ->
                undoAll(
                    context,
                    failed.action(),
                    FailureData.reasonIn(mapper, failed.data()),
                    failed.message()));
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

  private static Optional<JournalEntry> firstFailure(TaskJournal loaded) {
    return loaded.entries().stream().filter(e -> e.state() == EntryState.FAILED).findFirst();
  }
}
