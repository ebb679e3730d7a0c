package io.vmclone.operator.workflow;

import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.JournalTailEntry;
import io.vmclone.operator.api.Requester;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a clone's status is projected from: its task, the tail of its journal and what its actions
 * recorded when they were DONE, read once by the workflow so that the projection needs neither the
 * journal nor the actions to understand it.
 *
 * @param queuedAt when the clone was created (its task queued)
 * @param currentStep the action the last step was about, else the journal's last action
 * @param journal the last {@value #JOURNAL_TAIL} journal entries, messages as written
 * @param now when the facts were read
 */
public record CloneFacts(
    String taskId,
    ClonePhase phase,
    String currentStep,
    int progress,
    int restarts,
    String errorReason,
    String errorMessage,
    Instant queuedAt,
    Instant startedAt,
    Instant completedAt,
    Requester requester,
    String sourceUid,
    String snapshotName,
    List<String> dataVolumeNames,
    String targetNamespace,
    String targetName,
    List<JournalTailEntry> journal,
    Instant now) {

  /** How many journal entries the status shows. */
  public static final int JOURNAL_TAIL = 20;

  /** The facts of this context, after a step that came out as {@code outcome} (or null). */
  static CloneFacts of(TaskContext context, List<Action> actions, StepOutcome outcome) {
    DoneFacts done = new DoneFacts();
    for (Action action : actions) {
      context.doneData(action.name()).ifPresent(data -> action.describe(data, done));
    }
    TaskJournal journal = context.journal();
    TaskRecord task = journal.task();
    return new CloneFacts(
        task.id().toString(),
        phase(journal, done),
        currentStep(journal, outcome),
        task.state() == TaskState.SUCCESS ? 100 : task.progress(),
        task.restarts(),
        task.errorReason(),
        task.errorMessage(),
        task.queuedAt(),
        task.startedAt(),
        task.completedAt(),
        requester(task, done),
        done.sourceUid(),
        done.snapshotName(),
        done.dataVolumeNames(),
        context.targetNamespace(),
        context.targetName(),
        tail(journal.entries()),
        context.now());
  }

  /** Running once the source is flagged (the first action with an effect others see). */
  private static ClonePhase phase(TaskJournal journal, DoneFacts done) {
    return switch (journal.task().state()) {
      case SUCCESS -> ClonePhase.Succeeded;
      case ERROR -> ClonePhase.Failed;
      case QUEUED, RUNNING -> {
        if (journal.isRecovering()) {
          yield ClonePhase.Recovering;
        }
        yield done.sourceUid() != null ? ClonePhase.Running : ClonePhase.Pending;
      }
    };
  }

  private static String currentStep(TaskJournal journal, StepOutcome outcome) {
    if (outcome != null && outcome.action() != null) {
      return outcome.action();
    }
    List<JournalEntry> entries = journal.entries();
    return entries.isEmpty() ? null : entries.get(entries.size() - 1).action();
  }

  private static Requester requester(TaskRecord task, DoneFacts done) {
    return Requesters.of(task)
        .map(
            who -> {
              Requester requester = new Requester();
              requester.setUsername(who.username());
              requester.setUid(who.uid().isEmpty() ? null : who.uid());
              who.serviceAccount()
                  .ifPresent(account -> requester.setServiceAccount(account.toString()));
              requester.setActingAs(done.actingAs());
              return requester;
            })
        .orElse(null);
  }

  private static List<JournalTailEntry> tail(List<JournalEntry> entries) {
    List<JournalTailEntry> tail = new ArrayList<>();
    for (JournalEntry entry :
        entries.subList(Math.max(0, entries.size() - JOURNAL_TAIL), entries.size())) {
      tail.add(
          new JournalTailEntry(
              entry.seq(),
              entry.action(),
              entry.state().name(),
              entry.writtenAt() == null ? null : entry.writtenAt().toString(),
              entry.message()));
    }
    return tail;
  }
}
