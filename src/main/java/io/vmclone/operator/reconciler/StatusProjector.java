package io.vmclone.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.ConditionTypes;
import io.vmclone.operator.api.JournalTailEntry;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.workflow.CloneFacts;
import io.vmclone.operator.workflow.StepOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Projects a task's journal (the source of truth) and the outcome of the last step into the clone's
 * status. Pure: the same inputs give the same status, so an unchanged clone is not patched.
 */
final class StatusProjector {

  /** Keeps 20 journal entries and four conditions well under the 16 KiB status budget. */
  static final int MESSAGE_LIMIT = 300;

  private StatusProjector() {}

  static VirtualMachineCloneStatus project(
      VirtualMachineCloneStatus previous, CloneFacts facts, StepOutcome outcome, long generation) {
    VirtualMachineCloneStatus status = new VirtualMachineCloneStatus();
    ClonePhase phase = facts.phase();
    status.setPhase(phase);
    status.setTaskId(facts.taskId());
    status.setCurrentStep(facts.currentStep());
    status.setProgress(facts.progress());
    status.setRestarts(facts.restarts());
    status.setRequester(facts.requester());
    status.setSourceUid(facts.sourceUid());
    status.setTargetName(facts.targetName());
    status.setTargetNamespace(facts.targetNamespace());
    status.setSnapshotName(facts.snapshotName());
    status.setDataVolumeNames(facts.dataVolumeNames());
    status.setCreationTime(time(facts.queuedAt()));
    status.setStartTime(time(facts.startedAt()));
    status.setCompletionTime(time(facts.completedAt()));
    status.setObservedGeneration(generation);
    status.setJournal(tail(facts.journal()));
    status.setConditions(conditions(previous, facts, outcome, generation));
    return status;
  }

  /** Whether the status already shows the clone blocked for this reason (its event went out). */
  static boolean showsBlocked(VirtualMachineCloneStatus status, String reason) {
    return status != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    ConditionTypes.BLOCKED.equals(c.getType())
                        && "True".equals(c.getStatus())
                        && reason.equals(c.getReason()));
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

  private static List<Condition> conditions(
      VirtualMachineCloneStatus previous, CloneFacts facts, StepOutcome outcome, long generation) {
    ClonePhase phase = facts.phase();
    ConditionBuilder builder =
        new ConditionBuilder(
            previous == null ? null : previous.getConditions(), generation, facts.now());
    String message = outcome == null || outcome.message() == null ? "" : outcome.message();
    if (phase == ClonePhase.Succeeded) {
      builder
          .set(ConditionTypes.READY, true, Reasons.SUCCEEDED, "the target VM is created")
          .set(ConditionTypes.PROGRESSING, false, Reasons.SUCCEEDED, "the clone is committed");
    } else if (phase == ClonePhase.Failed) {
      builder
          .set(ConditionTypes.READY, false, facts.errorReason(), facts.errorMessage())
          .set(ConditionTypes.PROGRESSING, false, facts.errorReason(), facts.errorMessage());
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

  private static List<JournalTailEntry> tail(List<JournalTailEntry> journal) {
    List<JournalTailEntry> tail = new ArrayList<>();
    for (JournalTailEntry entry : journal) {
      tail.add(
          new JournalTailEntry(
              entry.getSeq(),
              entry.getAction(),
              entry.getState(),
              entry.getTime(),
              shorten(entry.getMessage(), MESSAGE_LIMIT)));
    }
    return tail;
  }

  static String shorten(String text, int limit) {
    return text == null || text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
