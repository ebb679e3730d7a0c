package io.vmclone.operator.workflow;

import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

  Rollback(Workflow workflow, JournalRepository journal, Recovery recovery, StepReporter reporter) {
    this.workflow = workflow;
    this.journal = journal;
    this.recovery = recovery;
    this.reporter = reporter;
  }

  StepOutcome undoAll(TaskContext context, String failedAction, String reason, String message) {
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
}
