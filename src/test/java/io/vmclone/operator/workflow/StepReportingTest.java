package io.vmclone.operator.workflow;

import static io.vmclone.operator.workflow.ActionResult.done;
import static io.vmclone.operator.workflow.ActionResult.failed;
import static io.vmclone.operator.workflow.ActionResult.inProgress;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine tells people (event notices, in order) and dashboards (metrics) about each step,
 * against a real journal database with scripted actions.
 */
class StepReportingTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static DataSource dataSource;

  private final List<String> calls = ScriptedAction.log();
  private final ScriptedAction first = new ScriptedAction("First", calls);
  private final ScriptedAction second = new ScriptedAction("Second", calls);
  private final Workflow workflow = new Workflow(List.of(first, second));
  private final List<String> heard = new ArrayList<>();
  private EngineNode node;
  private UUID taskId;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migratedDataSource("reporting");
  }

  @BeforeEach
  void task() {
    node = new EngineNode("reporting", dataSource, workflow, NOW);
    taskId = node.openTask(NOW, 3);
  }

  @Test
  void aCloneThatSucceedsTellsEveryCompletionThenSucceeds() {
    first.answers(done(null, "ok"));
    second.answers(done(null, "ok"));

    stepUntilFinished(node, NOW);

    assertThat(heard)
        .containsExactly(
            "StepCompleted: First: ok",
            "StepCompleted: Second: ok",
            "CloneSucceeded: VirtualMachine default/" + target() + " is ready");
    assertThat(clones(node.meters, "succeeded", "CloneSucceeded")).isEqualTo(1);
    assertThat(actionTimer(node.meters, "First").count()).isEqualTo(1);
    assertThat(actionTimer(node.meters, "Second").count()).isEqualTo(1);
  }

  @Test
  void aPolledActionIsToldOnceHoweverOftenItIsPolled() {
    first.answers(done(null, "ok"));
    second.answers(inProgress(10, "a"), inProgress(50, "b"), inProgress(90, "c"), done(null, "ok"));

    stepUntilFinished(node, NOW);

    assertThat(heard)
        .filteredOn(n -> n.contains("Second"))
        .containsExactly("StepCompleted: Second: ok");
    assertThat(calls).filteredOn("execute Second"::equals).hasSize(4);
  }

  @Test
  void aFailureTellsTheFailedStepEachUndoAndTheReasonLast() {
    first.answers(done(null, "ok"));
    second.answers(failed("CopyFailed", "disk broke"));

    stepUntilFinished(node, NOW);

    assertThat(heard)
        .containsExactly(
            "StepCompleted: First: ok",
            "StepFailed: Second failed (CopyFailed); undoing what the clone did",
            "StepUndone: Second undone",
            "StepUndone: First undone",
            "CopyFailed: disk broke");
    assertThat(clones(node.meters, "failed", "CopyFailed")).isEqualTo(1);
    assertThat(node.meters.find("vmclone.clones").tag("outcome", "succeeded").counter()).isNull();
  }

  @Test
  void anActionRestartedAfterACrashIsTimedFromItsFirstStart() {
    first.answers(done(null, "ok"));
    second.answers(inProgress(40, "copying"), done(null, "ok"));
    node.engine(NOW).step(load());
    node.engine(NOW).step(load());
    Instant later = NOW.plus(Duration.ofMinutes(10));
    EngineNode successor = new EngineNode("successor", dataSource, workflow, later);
    heard.clear();

    stepUntilFinished(successor, later);

    assertThat(heard)
        .startsWith(
            "Interrupted: interrupted during Second; recovering",
            "Restarted: recovered; Second goes on",
            "StepCompleted: Second: ok");
    assertThat(heard.get(heard.size() - 1)).startsWith("CloneSucceeded:");
    assertThat(counter(successor.meters, "vmclone.recoveries")).isEqualTo(1);
    assertThat(decisions(successor.meters, "Restarted")).isEqualTo(1);
    assertThat(actionTimer(successor.meters, "Second").totalTime(TimeUnit.SECONDS))
        .as("from the crashed process's STARTED to the successor's DONE")
        .isEqualTo(600);
  }

  @Test
  void aRecoveryThatRefusesARestartCountsItsDecisionAndTheFailure() {
    UUID exhausted = node.openTask(NOW, 0);
    first.answers(done(null, "ok"));
    node.engine(NOW).step(load(exhausted));
    EngineNode successor = new EngineNode("successor", dataSource, workflow, NOW);

    successor.engine(NOW).step(load(exhausted));
    successor.engine(NOW).step(load(exhausted));

    assertThat(decisions(successor.meters, Reasons.MAX_RESTARTS_EXCEEDED)).isEqualTo(1);
    assertThat(clones(successor.meters, "failed", Reasons.MAX_RESTARTS_EXCEEDED)).isEqualTo(1);
  }

  private void stepUntilFinished(EngineNode on, Instant now) {
    for (int i = 0; i < 20; i++) {
      StepOutcome outcome = on.engine(now).step(load());
      outcome.notices().forEach(n -> heard.add(n.reason() + ": " + n.message()));
      if (outcome.isTerminal()) {
        return;
      }
    }
    throw new AssertionError("the workflow did not finish in 20 steps: " + heard);
  }

  private static double clones(MeterRegistry meters, String outcome, String reason) {
    return meters
        .get("vmclone.clones")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .counter()
        .count();
  }

  private static double decisions(MeterRegistry meters, String decision) {
    return meters.get("vmclone.restart.decisions").tag("decision", decision).counter().count();
  }

  private static double counter(MeterRegistry meters, String name) {
    return meters.get(name).counter().count();
  }

  private static Timer actionTimer(MeterRegistry meters, String action) {
    return meters.get("vmclone.action.duration").tag("action", action).timer();
  }

  private String target() {
    return node.engine(NOW).facts(load(), null).targetName();
  }

  private TaskJournal load() {
    return load(taskId);
  }

  private TaskJournal load(UUID id) {
    return node.journal.load(id).orElseThrow();
  }
}
