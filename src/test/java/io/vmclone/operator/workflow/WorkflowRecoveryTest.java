package io.vmclone.operator.workflow;

import static io.vmclone.operator.workflow.ActionResult.done;
import static io.vmclone.operator.workflow.ActionResult.inProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.FencedException;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.workflow.StepOutcome.Kind;
import io.vmclone.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recovery with two engines on one real journal database: the first plays the process that was
 * interrupted, the second its successor (another incarnation, a newer leadership epoch).
 */
class WorkflowRecoveryTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static DataSource dataSource;

  private final List<String> calls = ScriptedAction.log();
  private final ScriptedAction first = new ScriptedAction("First", calls);
  private final ScriptedAction second = new ScriptedAction("Second", calls);
  private final Workflow workflow = new Workflow(List.of(first, second));
  private EngineNode crashed;
  private EngineNode successor;
  private UUID taskId;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migratedDataSource("recovery");
  }

  @BeforeEach
  void interruptedTask() {
    crashed = new EngineNode("crashed", dataSource, workflow, NOW);
    taskId = crashed.openTask(NOW, 2);
    first.answers(done(null, "ok"));
    second.answers(inProgress(40, "copying"), done(null, "ok"));
    crashed.engine(NOW).step(load());
    crashed.engine(NOW).step(load());
    successor = new EngineNode("successor", dataSource, workflow, NOW);
  }

  @Test
  void theSuccessorFlagsTheTaskThenRestartsItFromTheInterruptedAction() {
    StepOutcome flagged = successor.engine(NOW).step(load());

    assertThat(flagged.kind()).isEqualTo(Kind.RECOVERING);
    assertThat(load().isRecovering()).isTrue();
    assertThat(successor.flags.calls).containsExactly("mark vm");

    StepOutcome settled = successor.engine(NOW).step(load());

    assertThat(settled.kind()).isEqualTo(Kind.ADVANCED);
    TaskJournal restarted = load();
    assertThat(restarted.isRecovering()).isFalse();
    assertThat(restarted.task().restarts()).isEqualTo(1);
    assertThat(restarted.entries())
        .last()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(EntryState.RESTARTED);
              assertThat(e.message()).contains("restart 1 of at most 2", "during Second");
              assertThat(e.incarnation()).isEqualTo(successor.incarnation.id());
            });
    assertThat(successor.flags.calls).containsExactly("mark vm", "clear vm");

    assertThat(successor.engine(NOW).step(load()).kind()).isEqualTo(Kind.ADVANCED);
    assertThat(successor.engine(NOW).step(load()).kind()).isEqualTo(Kind.SUCCEEDED);
    assertThat(states())
        .containsSubsequence(
            "Second STARTED",
            "Second RESTARTED",
            "Second STARTED",
            "Second DONE",
            "Commit COMMITTED")
        .containsOnlyOnce("First DONE");
  }

  @Test
  void aStaleLeaderCannotWriteOnceTheSuccessorHoldsANewerEpoch() {
    successor.engine(NOW).step(load());

    assertThatThrownBy(() -> crashed.engine(NOW).step(load())).isInstanceOf(FencedException.class);
    assertThat(crashed.epoch.isFenced()).isTrue();
    assertThat(calls).containsExactly("execute First", "execute Second");
  }

  @Test
  void aTaskThatUsedUpItsRestartsFailsAndIsUndone() {
    UUID exhausted = crashed.openTask(NOW, 0);
    first.answers(done(null, "ok"));
    crashed.engine(NOW).step(load(exhausted));

    successor.engine(NOW).step(load(exhausted));
    StepOutcome outcome = successor.engine(NOW).step(load(exhausted));

    assertThat(outcome.reason()).isEqualTo(Reasons.MAX_RESTARTS_EXCEEDED);
    TaskJournal aborted = load(exhausted);
    assertThat(aborted.state()).isEqualTo(JournalState.ABORTED);
    assertThat(calls).endsWith("undo First");
    assertThat(successor.flags.calls).endsWith("clear vm");
  }

  @Test
  void withContinuousOperationDisabledAnInterruptedTaskFailsAsInterrupted() {
    successor.engine(NOW, false).step(load());
    StepOutcome outcome = successor.engine(NOW, false).step(load());

    assertThat(outcome.reason()).isEqualTo(Reasons.INTERRUPTED);
    assertThat(load().task().errorReason()).isEqualTo(Reasons.INTERRUPTED);
    assertThat(calls).endsWith("undo Second", "undo First");
  }

  @Test
  void anInterruptedTaskPastItsDeadlineFailsWithDeadlineExceeded() {
    Instant later = NOW.plus(Duration.ofHours(2));
    successor.engine(later).step(load());
    StepOutcome outcome = successor.engine(later).step(load());

    assertThat(outcome.reason()).isEqualTo(Reasons.DEADLINE_EXCEEDED);
    assertThat(load().state()).isEqualTo(JournalState.ABORTED);
  }

  @Test
  void aTaskHandedOverOnACleanShutdownGoesOnWithoutARestart() {
    assertThat(crashed.recovery.handOver()).isEqualTo(1);

    StepOutcome outcome = successor.engine(NOW).step(load());

    assertThat(outcome.kind()).isEqualTo(Kind.ADVANCED);
    assertThat(load().task().restarts()).isZero();
    assertThat(successor.flags.calls).isEmpty();
  }

  @Test
  void aTaskHandedOverWhoseRequesterLostARightFailsIdentityRevokedWithoutARestart() {
    crashed.recovery.handOver();
    successor.revokeIdentity("user ci-bot may no longer create datavolumes in namespace default");

    StepOutcome outcome = successor.engine(NOW).step(load());

    assertThat(outcome.reason()).isEqualTo(Reasons.IDENTITY_REVOKED);
    assertThat(load().state()).isEqualTo(JournalState.ABORTED);
    assertThat(load().task().restarts()).isZero();
    assertThat(calls).endsWith("undo Second", "undo First");
  }

  @Test
  void anInterruptedTaskWhoseRequesterLostARightFailsIdentityRevoked() {
    successor.revokeIdentity("the preserved token of ci-bot no longer authenticates");

    successor.engine(NOW).step(load());
    StepOutcome outcome = successor.engine(NOW).step(load());

    assertThat(outcome.reason()).isEqualTo(Reasons.IDENTITY_REVOKED);
    assertThat(load().task().errorMessage()).contains("no longer authenticates");
  }

  @Test
  void anUndoInterruptedHalfWayGoesOnWithoutARestart() {
    crashed.journal.append(
        taskId,
        "Second",
        EntryState.FAILED,
        EngineNode.MAPPER.createObjectNode().put("reason", "CopyFailed"),
        "disk broke");
    crashed.journal.append(taskId, "Second", EntryState.UNDONE, null, "undone");

    successor.engine(NOW).step(load());
    StepOutcome outcome = successor.engine(NOW).step(load());

    assertThat(outcome.reason()).isEqualTo("CopyFailed");
    assertThat(load().task().restarts()).isZero();
    assertThat(calls).endsWith("undo First").doesNotContain("undo Second");
  }

  @Test
  void theScanMarksEveryInterruptedTaskOnceAndFlagsItsSource() {
    assertThat(successor.recovery.markInterrupted()).extracting(t -> t.id()).contains(taskId);
    assertThat(successor.recovery.markInterrupted()).isEmpty();
    assertThat(load().isRecovering()).isTrue();
  }

  private TaskJournal load() {
    return load(taskId);
  }

  private TaskJournal load(UUID id) {
    return successor == null
        ? crashed.journal.load(id).orElseThrow()
        : successor.journal.load(id).orElseThrow();
  }

  private List<String> states() {
    return load().entries().stream().map(e -> e.action() + " " + e.state()).toList();
  }
}
