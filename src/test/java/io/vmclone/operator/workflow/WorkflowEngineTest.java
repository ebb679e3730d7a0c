package io.vmclone.operator.workflow;

import static io.vmclone.operator.workflow.ActionResult.blocked;
import static io.vmclone.operator.workflow.ActionResult.done;
import static io.vmclone.operator.workflow.ActionResult.failed;
import static io.vmclone.operator.workflow.ActionResult.inProgress;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalEntry;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.JournalState;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskState;
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

/** The engine against a real journal database, with scripted actions. */
class WorkflowEngineTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static DataSource dataSource;

  private final List<String> calls = ScriptedAction.log();
  private final ScriptedAction first = new ScriptedAction("First", calls);
  private final ScriptedAction second = new ScriptedAction("Second", calls);
  private final ScriptedAction third = new ScriptedAction("Third", calls);
  private EngineNode node;
  private JournalRepository journal;
  private WorkflowEngine engine;
  private UUID taskId;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migratedDataSource("engine");
  }

  @BeforeEach
  void task() {
    node = new EngineNode("engine", dataSource, new Workflow(List.of(first, second, third)), NOW);
    journal = node.journal;
    engine = engineAt(NOW);
    taskId = node.openTask(NOW, 3);
  }

  @Test
  void startedIsCommittedBeforeTheSideEffect() {
    first
        .answers(done(null, "ok"))
        .beforeExecute(
            context -> {
              List<JournalEntry> entries = journal.load(taskId).orElseThrow().entries();
              assertThat(entries)
                  .last()
                  .satisfies(
                      e -> {
                        assertThat(e.action()).isEqualTo("First");
                        assertThat(e.state()).isEqualTo(EntryState.STARTED);
                      });
            });
    StepOutcome outcome = engine.step(load());
    assertThat(outcome.kind()).isEqualTo(Kind.ADVANCED);
    assertThat(states()).containsExactly("First STARTED", "First DONE");
  }

  @Test
  void runsOneActionPerStepThenCommits() {
    first.answers(done(MAPPER.createObjectNode().put("x", 1), "one"));
    second.answers(done(null, "two"));
    third.answers(done(null, "three"));

    assertThat(engine.step(load()).action()).isEqualTo("First");
    assertThat(calls).containsExactly("execute First");
    engine.step(load());
    engine.step(load());
    StepOutcome last = engine.step(load());

    assertThat(last.kind()).isEqualTo(Kind.SUCCEEDED);
    TaskJournal finished = load();
    assertThat(finished.state()).isEqualTo(JournalState.COMMITTED);
    assertThat(finished.task().state()).isEqualTo(TaskState.SUCCESS);
    assertThat(engine.step(finished).kind()).isEqualTo(Kind.FINISHED);
    assertThat(calls).containsExactly("execute First", "execute Second", "execute Third");
  }

  @Test
  void pollingAnActionInProgressWritesNoSecondStartAndTracksProgress() {
    first.answers(done(null, "ok"));
    second.answers(inProgress(50, "half"), inProgress(50, "half"), done(null, "ok"));
    engine.step(load());

    assertThat(engine.step(load()).kind()).isEqualTo(Kind.WAITING);
    assertThat(engine.step(load()).kind()).isEqualTo(Kind.WAITING);
    assertThat(load().task().progress()).isEqualTo(50);
    assertThat(engine.step(load()).kind()).isEqualTo(Kind.ADVANCED);

    assertThat(states())
        .containsExactly("First STARTED", "First DONE", "Second STARTED", "Second DONE");
  }

  @Test
  void aBlockedActionWaitsWithItsReason() {
    first.answers(blocked("SourceNotFound", "no vm"));
    StepOutcome outcome = engine.step(load());
    assertThat(outcome.kind()).isEqualTo(Kind.BLOCKED);
    assertThat(outcome.reason()).isEqualTo("SourceNotFound");
    assertThat(load().state()).isEqualTo(JournalState.PENDING);
  }

  @Test
  void aFailureUndoesEveryAttemptedActionInReverseAndAborts() {
    first.answers(done(null, "ok"));
    second.answers(failed("CopyFailed", "disk broke"));
    engine.step(load());

    StepOutcome outcome = engine.step(load());

    assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
    assertThat(calls)
        .containsExactly("execute First", "execute Second", "undo Second", "undo First");
    assertThat(states())
        .containsExactly(
            "First STARTED",
            "First DONE",
            "Second STARTED",
            "Second FAILED",
            "Second UNDONE",
            "First UNDONE",
            "Abort ABORTED");
    TaskJournal aborted = load();
    assertThat(aborted.task().state()).isEqualTo(TaskState.ERROR);
    assertThat(aborted.task().errorReason()).isEqualTo("CopyFailed");
    assertThat(outcome.notices()).anyMatch(n -> n.warning() && n.reason().equals("CopyFailed"));
  }

  @Test
  void anUndoProblemIsReportedWithoutHidingTheOriginalError() {
    first.answers(done(null, "ok")).failsToUndo(new IllegalStateException("api said no"));
    second.answers(failed("CopyFailed", "disk broke"));
    engine.step(load());

    StepOutcome outcome = engine.step(load());

    assertThat(outcome.reason()).isEqualTo("CopyFailed");
    assertThat(outcome.notices())
        .anyMatch(
            n ->
                n.warning()
                    && n.reason().equals(Reasons.UNDO_FAILED)
                    && n.message().contains("api said no"));
    assertThat(load().task().errorReason()).isEqualTo("CopyFailed");
    assertThat(load().lastEntryOf("First").orElseThrow().message()).contains("cleanup problem");
  }

  @Test
  void anInterruptedUndoResumesWhereItStopped() {
    first.answers(done(null, "ok"));
    second.answers(done(null, "ok"));
    engine.step(load());
    engine.step(load());
    journal.append(taskId, "Third", EntryState.STARTED, null, null);
    journal.append(
        taskId,
        "Third",
        EntryState.FAILED,
        MAPPER.createObjectNode().put("reason", "CopyFailed"),
        "x");
    journal.append(taskId, "Third", EntryState.UNDONE, null, "undone");

    StepOutcome outcome = engine.step(load());

    assertThat(outcome.reason()).isEqualTo("CopyFailed");
    assertThat(calls).endsWith("undo Second", "undo First").doesNotContain("undo Third");
    assertThat(load().state()).isEqualTo(JournalState.ABORTED);
  }

  @Test
  void aClonePastItsDeadlineFailsWithDeadlineExceeded() {
    first.answers(blocked("SourceNotFound", "no vm"));
    engine.step(load());

    StepOutcome outcome = engineAt(NOW.plus(Duration.ofHours(2))).step(load());

    assertThat(outcome.reason()).isEqualTo(Reasons.DEADLINE_EXCEEDED);
    assertThat(calls).containsExactly("execute First", "undo First");
    assertThat(load().task().state()).isEqualTo(TaskState.ERROR);
  }

  @Test
  void cancellingUndoesWhatWasDone() {
    first.answers(done(null, "ok"));
    second.answers(inProgress(10, "copying"));
    engine.step(load());
    engine.step(load());

    StepOutcome outcome = engine.cancel(load(), Reasons.DELETED, "deleted");

    assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
    assertThat(calls).endsWith("undo Second", "undo First");
    assertThat(load().task().errorReason()).isEqualTo(Reasons.DELETED);
    assertThat(engine.cancel(load(), Reasons.DELETED, "again").kind()).isEqualTo(Kind.FINISHED);
  }

  private WorkflowEngine engineAt(Instant now) {
    return node.engine(now);
  }

  private TaskJournal load() {
    return journal.load(taskId).orElseThrow();
  }

  private List<String> states() {
    return load().entries().stream().map(e -> e.action() + " " + e.state()).toList();
  }
}
