package io.vmclone.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.CreationKeys;
import io.vmclone.operator.workflow.StepOutcome;
import io.vmclone.operator.workflow.TaskContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusProjectorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String CLONE_UID = "3f2a1b4c-1111-2222-3333-444455556666";
  private final UUID taskId = UUID.randomUUID();
  private final List<JournalEntry> entries = new ArrayList<>();
  private Instant recoveringSince;

  @Test
  void aCloneWaitingForItsSourceIsPendingAndBlocked() {
    entry("Redoable", EntryState.STARTED, null)
        .entry("Redoable", EntryState.DONE, null)
        .entry("FlagEntities", EntryState.STARTED, null);
    StepOutcome blocked =
        new StepOutcome(
            StepOutcome.Kind.BLOCKED,
            "FlagEntities",
            "SourceNotFound",
            "VirtualMachine default/vm does not exist",
            List.of());

    VirtualMachineCloneStatus status = project(TaskState.RUNNING, blocked);

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Pending);
    assertThat(condition(status, "Blocked").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Blocked").getReason()).isEqualTo("SourceNotFound");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
  }

  @Test
  void aRunningCloneShowsItsStepAndChildren() {
    entry("FlagEntities", EntryState.DONE, MAPPER.createObjectNode().put("sourceUid", "src-uid"))
        .entry(
            "SnapshotSource",
            EntryState.DONE,
            MAPPER.createObjectNode().put("name", "vmclone-3f2a1b4c-snap"))
        .entry("CopyDisks", EntryState.STARTED, null);
    StepOutcome waiting =
        new StepOutcome(StepOutcome.Kind.WAITING, "CopyDisks", null, "copying 40%", List.of());

    VirtualMachineCloneStatus status = project(TaskState.RUNNING, waiting);

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Running);
    assertThat(status.getCurrentStep()).isEqualTo("CopyDisks");
    assertThat(status.getSourceUid()).isEqualTo("src-uid");
    assertThat(status.getSnapshotName()).isEqualTo("vmclone-3f2a1b4c-snap");
    assertThat(status.getTargetName()).isEqualTo(ChildNames.defaultTargetName("fedora", CLONE_UID));
    assertThat(status.getTaskId()).isEqualTo(taskId.toString());
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("CopyDisks");
    assertThat(condition(status, "Blocked").getStatus()).isEqualTo("False");
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void aSucceededCloneIsReadyAtFullProgress() {
    entry(PseudoActions.COMMIT, EntryState.COMMITTED, null);
    VirtualMachineCloneStatus status =
        project(
            TaskState.SUCCESS,
            new StepOutcome(
                StepOutcome.Kind.SUCCEEDED, PseudoActions.COMMIT, null, "committed", List.of()));

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Succeeded);
    assertThat(status.getProgress()).isEqualTo(100);
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(status.getCompletionTime()).isNotNull();
  }

  @Test
  void aFailedCloneCarriesItsReasonInReadyAndProgressing() {
    entry(PseudoActions.ABORT, EntryState.ABORTED, null);
    VirtualMachineCloneStatus status = project(TaskState.ERROR, null);

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Failed);
    assertThat(condition(status, "Ready").getReason()).isEqualTo("CopyFailed");
    assertThat(condition(status, "Progressing").getMessage()).isEqualTo("disk broke");
  }

  @Test
  void theJournalTailHoldsTheLastTwentyEntriesAndTheStatusStaysSmall() throws Exception {
    for (int i = 0; i < 60; i++) {
      entry("CopyDisks", EntryState.UNDONE, null, "m".repeat(2000));
    }
    VirtualMachineCloneStatus status =
        project(
            TaskState.RUNNING,
            new StepOutcome(
                StepOutcome.Kind.WAITING, "CopyDisks", null, "w".repeat(5000), List.of()));

    assertThat(status.getJournal()).hasSize(20);
    assertThat(status.getJournal().get(0).getSeq()).isEqualTo(41L);
    assertThat(MAPPER.writeValueAsBytes(status).length).isLessThan(16 * 1024);
  }

  @Test
  void anErrorKeepsThePhaseAndSaysWhyNothingRuns() {
    VirtualMachineCloneStatus running =
        project(
            TaskState.RUNNING,
            new StepOutcome(StepOutcome.Kind.WAITING, "CopyDisks", null, "copying", List.of()));
    ClonePhase phase = running.getPhase();

    VirtualMachineCloneStatus status =
        StatusProjector.withError(
            running, "DatabaseUnavailable", "connection refused (retrying)", 2, NOW);

    assertThat(status.getPhase()).isEqualTo(phase);
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("DatabaseUnavailable");
    assertThat(condition(status, "Ready")).isNotNull();
  }

  private StatusProjectorTest entry(String action, EntryState state, JsonNode data) {
    return entry(action, state, data, action + " " + state);
  }

  private StatusProjectorTest entry(
      String action, EntryState state, JsonNode data, String message) {
    entries.add(
        new JournalEntry(
            taskId, entries.size() + 1, action, state, data, message, NOW, UUID.randomUUID()));
    return this;
  }

  @Test
  void anInterruptedCloneIsRecoveringUntilItRunsAgain() {
    entry("FlagEntities", EntryState.DONE, null).entry("CopyDisks", EntryState.STARTED, null);
    recoveringSince = NOW;

    VirtualMachineCloneStatus status =
        project(TaskState.RUNNING, StepOutcome.recovering("CopyDisks", "interrupted; recovering"));

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Recovering);
    assertThat(condition(status, "Recovering").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Recovering").getReason()).isEqualTo("Interrupted");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");

    recoveringSince = null;
    VirtualMachineCloneStatus resumed =
        project(
            TaskState.RUNNING,
            new StepOutcome(StepOutcome.Kind.WAITING, "CopyDisks", null, "copying", List.of()));
    assertThat(resumed.getPhase()).isEqualTo(ClonePhase.Running);
    assertThat(condition(resumed, "Recovering").getStatus()).isEqualTo("False");
  }

  private VirtualMachineCloneStatus project(TaskState state, StepOutcome outcome) {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "fedora", null));
    boolean failed = state == TaskState.ERROR;
    TaskRecord task =
        new TaskRecord(
            taskId,
            "default",
            "clone",
            CLONE_UID,
            state,
            40,
            failed ? "CopyFailed" : null,
            failed ? "disk broke" : null,
            NOW,
            NOW,
            state.isTerminal() ? NOW : null,
            NOW.plusSeconds(3600),
            3,
            0,
            MAPPER.valueToTree(spec),
            null,
            null);
    JournalState journalState =
        switch (state) {
          case SUCCESS -> JournalState.COMMITTED;
          case ERROR -> JournalState.ABORTED;
          default -> JournalState.PENDING;
        };
    TaskContext context =
        new TaskContext(
            new TaskJournal(
                task, journalState, List.copyOf(entries), UUID.randomUUID(), recoveringSince),
            spec,
            NOW,
            new CreationKeys(new byte[CreationKeys.MIN_MASTER_BYTES]));
    return StatusProjector.project(null, context, outcome, 2);
  }

  private static Condition condition(VirtualMachineCloneStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
