package io.vmclone.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.JournalTailEntry;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.journal.PseudoActions;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.workflow.CloneFacts;
import io.vmclone.operator.workflow.StepOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StatusProjectorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final String TARGET = "fedora-clone-3f2a1";
  private final UUID taskId = UUID.randomUUID();
  private final List<JournalTailEntry> entries = new ArrayList<>();
  private boolean recovering;
  private String sourceUid;
  private String snapshotName;

  @Test
  void aCloneWaitingForItsSourceIsPendingAndBlocked() {
    entry("Redoable", "STARTED").entry("Redoable", "DONE").entry("FlagEntities", "STARTED");
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
    entry("FlagEntities", "DONE").entry("SnapshotSource", "DONE").entry("CopyDisks", "STARTED");
    sourceUid = "src-uid";
    snapshotName = "vmclone-3f2a1b4c-snap";
    StepOutcome waiting =
        new StepOutcome(StepOutcome.Kind.WAITING, "CopyDisks", null, "copying 40%", List.of());

    VirtualMachineCloneStatus status = project(TaskState.RUNNING, waiting);

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Running);
    assertThat(status.getCurrentStep()).isEqualTo("CopyDisks");
    assertThat(status.getSourceUid()).isEqualTo("src-uid");
    assertThat(status.getSnapshotName()).isEqualTo("vmclone-3f2a1b4c-snap");
    assertThat(status.getTargetName()).isEqualTo(TARGET);
    assertThat(status.getTaskId()).isEqualTo(taskId.toString());
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("CopyDisks");
    assertThat(condition(status, "Blocked").getStatus()).isEqualTo("False");
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getCreationTime()).isEqualTo(NOW.toString());
  }

  @Test
  void aSucceededCloneIsReadyAtFullProgress() {
    entry(PseudoActions.COMMIT, "COMMITTED");
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
    entry(PseudoActions.ABORT, "ABORTED");
    VirtualMachineCloneStatus status = project(TaskState.ERROR, null);

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Failed);
    assertThat(condition(status, "Ready").getReason()).isEqualTo("CopyFailed");
    assertThat(condition(status, "Progressing").getMessage()).isEqualTo("disk broke");
  }

  @Test
  void twentyLongJournalEntriesAndALongMessageKeepTheStatusSmall() throws Exception {
    for (int i = 0; i < CloneFacts.JOURNAL_TAIL; i++) {
      entry("CopyDisks", "UNDONE", "m".repeat(2000));
    }
    VirtualMachineCloneStatus status =
        project(
            TaskState.RUNNING,
            new StepOutcome(
                StepOutcome.Kind.WAITING, "CopyDisks", null, "w".repeat(5000), List.of()));

    assertThat(status.getJournal()).hasSize(20);
    assertThat(status.getJournal().get(0).getMessage()).hasSize(StatusProjector.MESSAGE_LIMIT);
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

  private StatusProjectorTest entry(String action, String state) {
    return entry(action, state, action + " " + state);
  }

  private StatusProjectorTest entry(String action, String state, String message) {
    entries.add(new JournalTailEntry(entries.size() + 1L, action, state, NOW.toString(), message));
    return this;
  }

  @Test
  void anInterruptedCloneIsRecoveringUntilItRunsAgain() {
    entry("FlagEntities", "DONE").entry("CopyDisks", "STARTED");
    sourceUid = "src-uid";
    recovering = true;

    VirtualMachineCloneStatus status =
        project(TaskState.RUNNING, StepOutcome.recovering("CopyDisks", "interrupted; recovering"));

    assertThat(status.getPhase()).isEqualTo(ClonePhase.Recovering);
    assertThat(condition(status, "Recovering").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Recovering").getReason()).isEqualTo("Interrupted");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");

    recovering = false;
    VirtualMachineCloneStatus resumed =
        project(
            TaskState.RUNNING,
            new StepOutcome(StepOutcome.Kind.WAITING, "CopyDisks", null, "copying", List.of()));
    assertThat(resumed.getPhase()).isEqualTo(ClonePhase.Running);
    assertThat(condition(resumed, "Recovering").getStatus()).isEqualTo("False");
  }

  /**
   * The status of a clone whose task is in this state, with the test's journal entries, a source
   * UID and snapshot name when the test recorded them, after a step that came out as {@code
   * outcome}.
   */
  private VirtualMachineCloneStatus project(TaskState state, StepOutcome outcome) {
    boolean failed = state == TaskState.ERROR;
    ClonePhase phase =
        switch (state) {
          case SUCCESS -> ClonePhase.Succeeded;
          case ERROR -> ClonePhase.Failed;
          default ->
              recovering
                  ? ClonePhase.Recovering
                  : sourceUid != null ? ClonePhase.Running : ClonePhase.Pending;
        };
    CloneFacts facts =
        new CloneFacts(
            taskId.toString(),
            phase,
            outcome != null ? outcome.action() : null,
            state == TaskState.SUCCESS ? 100 : 40,
            0,
            failed ? "CopyFailed" : null,
            failed ? "disk broke" : null,
            NOW,
            NOW,
            state.isTerminal() ? NOW : null,
            null,
            sourceUid,
            snapshotName,
            null,
            "default",
            TARGET,
            List.copyOf(entries),
            NOW);
    return StatusProjector.project(null, facts, outcome, 2);
  }

  private static Condition condition(VirtualMachineCloneStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }
}
