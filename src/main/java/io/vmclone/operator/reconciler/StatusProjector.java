package io.vmclone.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.ConditionTypes;
import io.vmclone.operator.api.JournalTailEntry;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.Requester;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.workflow.StepOutcome;
import io.vmclone.operator.workflow.TaskContext;
import io.vmclone.operator.workflow.action.ActionNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects a task's journal (the source of truth) and the outcome of the last step into the clone's
 * status. Pure: the same inputs give the same status, so an unchanged clone is not patched.
 */
final class StatusProjector {

  static final int JOURNAL_TAIL = 20;

  /** Keeps 20 journal entries and four conditions well under the 16 KiB status budget. */
  static final int MESSAGE_LIMIT = 300;

  private StatusProjector() {}

  static VirtualMachineCloneStatus project(
      VirtualMachineCloneStatus previous,
      TaskContext context,
      StepOutcome outcome,
      long generation) {
    TaskJournal journal = context.journal();
    TaskRecord task = journal.task();
    VirtualMachineCloneStatus status = new VirtualMachineCloneStatus();
    ClonePhase phase = phase(journal);
    status.setPhase(phase);
    status.setTaskId(task.id().toString());
    status.setCurrentStep(currentStep(journal, outcome));
    status.setProgress(task.state() == TaskState.SUCCESS ? 100 : task.progress());
    status.setRestarts(task.restarts());
    status.setRequester(requester(context));
    status.setSourceUid(
        text(context.doneData(ActionNames.FLAG_ENTITIES).orElse(null), "sourceUid"));
    status.setTargetName(context.targetName());
    status.setTargetNamespace(context.targetNamespace());
    context
        .doneData(ActionNames.SNAPSHOT_SOURCE)
        .ifPresent(d -> status.setSnapshotName(text(d, "name")));
    context.doneData(ActionNames.COPY_DISKS).ifPresent(d -> status.setDataVolumeNames(names(d)));
    status.setStartTime(time(task.startedAt()));
    status.setCompletionTime(time(task.completedAt()));
    status.setObservedGeneration(generation);
    status.setJournal(tail(journal.entries()));
    status.setConditions(conditions(previous, phase, task, outcome, generation, context.now()));
    return status;
  }

  /** The previous status with Progressing saying why the last step could not run. */
  static VirtualMachineCloneStatus withError(
      VirtualMachineCloneStatus previous,
      String reason,
      String message,
      long generation,
      Instant now) {
    VirtualMachineCloneStatus status =
        previous == null ? new VirtualMachineCloneStatus() : previous;
    if (status.getPhase() == null) {
      status.setPhase(ClonePhase.Pending);
    }
    status.setConditions(
        new ConditionBuilder(status.getConditions(), generation, now)
            .keep(ConditionTypes.READY)
            .set(ConditionTypes.PROGRESSING, false, reason, message)
            .keep(ConditionTypes.RECOVERING)
            .keep(ConditionTypes.BLOCKED)
            .build());
    return status;
  }

  static ClonePhase phase(TaskJournal journal) {
    return switch (journal.task().state()) {
      case SUCCESS -> ClonePhase.Succeeded;
      case ERROR -> ClonePhase.Failed;
      case QUEUED, RUNNING -> {
        if (journal.isRecovering()) {
          yield ClonePhase.Recovering;
        }
        yield journal.lastEntryOf(ActionNames.FLAG_ENTITIES, EntryState.DONE).isPresent()
            ? ClonePhase.Running
            : ClonePhase.Pending;
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

  private static List<Condition> conditions(
      VirtualMachineCloneStatus previous,
      ClonePhase phase,
      TaskRecord task,
      StepOutcome outcome,
      long generation,
      Instant now) {
    ConditionBuilder builder =
        new ConditionBuilder(previous == null ? null : previous.getConditions(), generation, now);
    String message = outcome == null || outcome.message() == null ? "" : outcome.message();
    if (phase == ClonePhase.Succeeded) {
      builder
          .set(ConditionTypes.READY, true, Reasons.SUCCEEDED, "the target VM is created")
          .set(ConditionTypes.PROGRESSING, false, Reasons.SUCCEEDED, "the clone is committed");
    } else if (phase == ClonePhase.Failed) {
      builder
          .set(ConditionTypes.READY, false, task.errorReason(), task.errorMessage())
          .set(ConditionTypes.PROGRESSING, false, task.errorReason(), task.errorMessage());
    } else if (phase == ClonePhase.Recovering) {
      builder
          .set(ConditionTypes.READY, false, Reasons.RECOVERING, message)
          .set(ConditionTypes.PROGRESSING, false, Reasons.INTERRUPTED, message)
          .set(ConditionTypes.RECOVERING, true, Reasons.INTERRUPTED, message);
    } else if (outcome != null && outcome.kind() == StepOutcome.Kind.BLOCKED) {
      builder
          .set(ConditionTypes.READY, false, Reasons.PENDING, message)
          .set(ConditionTypes.PROGRESSING, false, outcome.reason(), message);
    } else {
      String step = outcome == null || outcome.action() == null ? Reasons.QUEUED : outcome.action();
      builder
          .set(ConditionTypes.READY, false, Reasons.NOT_READY, "the clone is in progress")
          .set(ConditionTypes.PROGRESSING, true, step, message);
    }
    if (phase != ClonePhase.Recovering) {
      builder.set(ConditionTypes.RECOVERING, false, Reasons.NOT_RECOVERING, "");
    }
    boolean blocked =
        outcome != null && outcome.kind() == StepOutcome.Kind.BLOCKED && !phase.isTerminal();
    return blocked
        ? builder.set(ConditionTypes.BLOCKED, true, outcome.reason(), message).build()
        : builder.set(ConditionTypes.BLOCKED, false, Reasons.NOT_BLOCKED, "").build();
  }

  private static Requester requester(TaskContext context) {
    return Requesters.of(context.task())
        .map(
            who -> {
              Requester requester = new Requester();
              requester.setUsername(who.username());
              requester.setUid(who.uid().isEmpty() ? null : who.uid());
              who.serviceAccount()
                  .ifPresent(account -> requester.setServiceAccount(account.toString()));
              context
                  .doneData(ActionNames.PRESERVE_SESSION)
                  .map(data -> data.path("mode").asText(""))
                  .filter(mode -> !mode.isEmpty())
                  .ifPresent(mode -> requester.setActingAs(ACTING_AS.get(mode)));
              return requester;
            })
        .orElse(null);
  }

  private static final java.util.Map<String, String> ACTING_AS =
      java.util.Map.of("TOKEN", "Token", "IMPERSONATION", "Impersonation", "OPERATOR", "Operator");

  private static List<JournalTailEntry> tail(List<JournalEntry> entries) {
    List<JournalTailEntry> tail = new ArrayList<>();
    for (JournalEntry entry :
        entries.subList(Math.max(0, entries.size() - JOURNAL_TAIL), entries.size())) {
      tail.add(
          new JournalTailEntry(
              entry.seq(),
              entry.action(),
              entry.state().name(),
              time(entry.writtenAt()),
              shorten(entry.message(), MESSAGE_LIMIT)));
    }
    return tail;
  }

  private static List<String> names(JsonNode data) {
    List<String> names = new ArrayList<>();
    data.path("dataVolumes").forEach(node -> names.add(node.asText()));
    return names;
  }

  private static String text(JsonNode node, String field) {
    return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
  }

  static String shorten(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
