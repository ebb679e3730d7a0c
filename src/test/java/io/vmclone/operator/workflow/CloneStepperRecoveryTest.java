package io.vmclone.operator.workflow;

import static io.vmclone.operator.workflow.ActionResult.done;
import static io.vmclone.operator.workflow.ActionResult.inProgress;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reconcile of a clone whose task a new leader's scan marked recovering: it tells the
 * interruption and decides in the same reconcile (one status patch), and ends with the decision.
 * Real journal database, scripted actions; the first process ran the task until the second action
 * was under way, its successor marked it as its scan does.
 */
class CloneStepperRecoveryTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static DataSource dataSource;

  private final List<String> calls = ScriptedAction.log();
  private final ScriptedAction first = new ScriptedAction("First", calls);
  private final ScriptedAction second = new ScriptedAction("Second", calls);
  private final Workflow workflow = new Workflow(List.of(first, second));
  private final List<String> heard = new ArrayList<>();
  private final List<UUID> running = new ArrayList<>();
  private EngineNode successor;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migratedDataSource("stepper");
  }

  @BeforeEach
  void successorOfACrashedProcess() {
    first.answers(done(null, "ok"));
    second.answers(inProgress(40, "copying"), done(null, "ok"));
    successor = new EngineNode("successor", dataSource, workflow, NOW);
  }

  @Test
  void aMarkedTaskIsToldInterruptedAndRestartedInOneReconcileThatRunsNothingMore() {
    TaskJournal interrupted = interruptedTask(3);
    calls.clear();

    Advance advance = advance(interrupted, ClonePhase.Running);

    assertThat(heard)
        .containsExactly(
            "Interrupted: interrupted during Second; recovering",
            "Restarted: recovered; Second goes on");
    assertThat(advance.outcome().kind()).isEqualTo(StepOutcome.Kind.ADVANCED);
    assertThat(advance.facts().phase())
        .as("Pending: the scripted actions flag no source")
        .isEqualTo(ClonePhase.Pending);
    assertThat(advance.facts().restarts()).isEqualTo(1);
    assertThat(advance.facts().journal())
        .extracting(entry -> entry.getAction() + " " + entry.getState())
        .endsWith("Second RESTARTED");
    assertThat(advance.recovering()).isFalse();
    assertThat(calls).as("the resumed step waits for the next reconcile").isEmpty();
    assertThat(running)
        .as("the unfinished task is told before anything runs, so its objects' changes wake it")
        .containsExactly(interrupted.task().id());
  }

  @Test
  void aMarkedTaskOutOfRestartsIsToldInterruptedAndFailsInOneReconcile() {
    TaskJournal interrupted = interruptedTask(0);

    Advance advance = advance(interrupted, ClonePhase.Running);

    assertThat(heard.get(0)).startsWith("Interrupted: ");
    assertThat(heard).anyMatch(notice -> notice.startsWith(Reasons.MAX_RESTARTS_EXCEEDED + ": "));
    assertThat(advance.outcome().kind()).isEqualTo(StepOutcome.Kind.FAILED);
    assertThat(advance.facts().phase()).isEqualTo(ClonePhase.Failed);
    assertThat(advance.facts().errorReason()).isEqualTo(Reasons.MAX_RESTARTS_EXCEEDED);
  }

  @Test
  void aDecisionThatThrowsShowsRecoveringAndTheNextReconcileDecidesWithoutTellingItAgain() {
    TaskJournal interrupted = interruptedTask(3);
    successor.identityCheckThrows(new IllegalStateException("TokenReview timed out"));

    Advance shown = advance(interrupted, ClonePhase.Running);

    assertThat(heard).containsExactly("Interrupted: interrupted during Second; recovering");
    assertThat(shown.outcome().kind()).isEqualTo(StepOutcome.Kind.RECOVERING);
    assertThat(shown.facts().phase()).isEqualTo(ClonePhase.Recovering);
    assertThat(shown.recovering()).isTrue();

    successor.identityCheckThrows(null);
    Advance decided = advance(interrupted, ClonePhase.Recovering);

    assertThat(heard)
        .containsExactly(
            "Interrupted: interrupted during Second; recovering",
            "Restarted: recovered; Second goes on");
    assertThat(decided.facts().restarts()).isEqualTo(1);
  }

  /**
   * A task the first process ran until Second was under way, marked recovering by its successor's
   * scan.
   */
  private TaskJournal interruptedTask(int maxRestarts) {
    EngineNode first = new EngineNode("first", dataSource, workflow, NOW);
    UUID taskId = first.openTask(NOW, maxRestarts);
    first.engine(NOW).step(first.journal.load(taskId).orElseThrow());
    first.engine(NOW).step(first.journal.load(taskId).orElseThrow());
    assertThat(successor.recovery.markInterrupted()).extracting(task -> task.id()).contains(taskId);
    return successor.journal.load(taskId).orElseThrow();
  }

  /** One reconcile of the task's clone, whose status shows {@code shownPhase}. */
  private Advance advance(TaskJournal task, ClonePhase shownPhase) {
    CloneStepper stepper =
        new CloneStepper(
            null, // the task is open: the stepper never opens one
            successor.journal,
            successor.engine(NOW),
            Clock.fixed(NOW, ZoneOffset.UTC));
    CloneRequest clone =
        new CloneRequest(
            task.task().cloneNamespace(),
            task.task().cloneName(),
            task.task().cloneUid(),
            NOW,
            null,
            Map.of(),
            shownPhase,
            task.task().id().toString(),
            1,
            null);
    return stepper
        .advance(
            clone,
            running::add,
            notices -> notices.forEach(n -> heard.add(n.reason() + ": " + n.message())))
        .orElseThrow();
  }
}
