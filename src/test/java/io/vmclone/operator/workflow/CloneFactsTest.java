package io.vmclone.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.TaskRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloneFactsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final String CLONE_UID = "3f2a1b4c-1111-2222-3333-444455556666";

  private final UUID taskId = UUID.randomUUID();
  private final List<JournalEntry> entries = new ArrayList<>();
  private final List<Action> actions =
      List.of(new Describing("FlagEntities"), new Describing("PreserveSession"));
  private Instant recoveringSince;

  @Test
  void aCloneIsPendingUntilItsSourceIsFlaggedThenRunning() {
    entry("FlagEntities", EntryState.STARTED, null);
    assertThat(facts(TaskState.RUNNING, null).phase()).isEqualTo(ClonePhase.Pending);

    entry("FlagEntities", EntryState.DONE, MAPPER.createObjectNode().put("uid", "src-uid"));
    CloneFacts running = facts(TaskState.RUNNING, null);
    assertThat(running.phase()).isEqualTo(ClonePhase.Running);
    assertThat(running.sourceUid()).isEqualTo("src-uid");
  }

  @Test
  void recoveringAndFinishedTasksAreShownAsSuch() {
    entry("FlagEntities", EntryState.DONE, MAPPER.createObjectNode().put("uid", "src-uid"));
    recoveringSince = NOW;
    assertThat(facts(TaskState.RUNNING, null).phase()).isEqualTo(ClonePhase.Recovering);
    assertThat(facts(TaskState.SUCCESS, null).phase()).isEqualTo(ClonePhase.Succeeded);
    assertThat(facts(TaskState.SUCCESS, null).progress()).isEqualTo(100);
    CloneFacts failed = facts(TaskState.ERROR, null);
    assertThat(failed.phase()).isEqualTo(ClonePhase.Failed);
    assertThat(failed.errorReason()).isEqualTo("CopyFailed");
  }

  @Test
  void theCurrentStepIsTheLastStepsActionElseTheJournalsLast() {
    entry("FlagEntities", EntryState.STARTED, null);
    assertThat(facts(TaskState.RUNNING, null).currentStep()).isEqualTo("FlagEntities");
    StepOutcome waiting =
        new StepOutcome(StepOutcome.Kind.WAITING, "CopyDisks", null, "copying", List.of());
    assertThat(facts(TaskState.RUNNING, waiting).currentStep()).isEqualTo("CopyDisks");
  }

  @Test
  void theJournalTailHoldsTheLastTwentyEntriesAsWritten() {
    for (int i = 0; i < 60; i++) {
      entry("CopyDisks", EntryState.UNDONE, null);
    }
    List<io.vmclone.operator.api.JournalTailEntry> tail = facts(TaskState.RUNNING, null).journal();
    assertThat(tail).hasSize(CloneFacts.JOURNAL_TAIL);
    assertThat(tail.get(0).getSeq()).isEqualTo(41L);
    assertThat(tail.get(0).getMessage()).isEqualTo("CopyDisks UNDONE");
  }

  @Test
  void theRequesterComesFromTheTaskAndHowTheOperatorActsFromTheSessionsAction() {
    entry("PreserveSession", EntryState.DONE, MAPPER.createObjectNode().put("how", "Token"));
    CloneFacts facts = facts(TaskState.RUNNING, null);
    assertThat(facts.requester().getUsername()).isEqualTo("system:serviceaccount:ns:ci-bot");
    assertThat(facts.requester().getServiceAccount()).isEqualTo("ns/ci-bot");
    assertThat(facts.requester().getActingAs()).isEqualTo("Token");
    assertThat(facts.targetName()).isEqualTo(ChildNames.defaultTargetName("fedora", CLONE_UID));
  }

  private void entry(String action, EntryState state, JsonNode data) {
    entries.add(
        new JournalEntry(
            taskId,
            entries.size() + 1,
            action,
            state,
            data,
            action + " " + state,
            NOW,
            UUID.randomUUID()));
  }

  private CloneFacts facts(TaskState state, StepOutcome outcome) {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "fedora", null));
    boolean failed = state == TaskState.ERROR;
    RequesterIdentity requester =
        new RequesterIdentity("system:serviceaccount:ns:ci-bot", "", List.of(), Map.of());
    TaskRecord task =
        TaskRecords.task(taskId)
            .in("default", CLONE_UID)
            .state(state)
            .queuedAt(NOW)
            .spec(MAPPER.valueToTree(spec))
            .requester(MAPPER.valueToTree(requester))
            .build();
    JournalState journalState =
        state == TaskState.SUCCESS
            ? JournalState.COMMITTED
            : failed ? JournalState.ABORTED : JournalState.PENDING;
    TaskJournal journal =
        new TaskJournal(
            task, journalState, List.copyOf(entries), UUID.randomUUID(), recoveringSince);
    TaskContext context =
        new TaskContext(
            journal, spec, NOW, CreationKeySource.fixed(new byte[CreationKeys.MIN_MASTER_BYTES]));
    return CloneFacts.of(context, actions, outcome);
  }

  /** Tells the facts what its DONE data says: a source UID, or how the operator acts. */
  private record Describing(String name) implements Action {
    @Override
    public int weight() {
      return 1;
    }

    @Override
    public ActionResult execute(TaskContext context) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void undo(TaskContext context) {}

    @Override
    public void describe(JsonNode done, DoneFacts facts) {
      if (done.has("uid")) {
        facts.sourceUid(done.get("uid").asText());
      }
      if (done.has("how")) {
        facts.actingAs(done.get("how").asText());
      }
    }
  }
}
