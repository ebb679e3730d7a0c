package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.testing.KubeVirtKind;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RedoableAction}: it records the restart policy of the task and touches nothing else. */
class RedoableActionIT {

  private static ActionFixture fixture;

  private final RedoableAction redoable = fixture.redoable();
  private String ns;
  private CloneTask task;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(RedoableActionIT.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void sourceAndTask() {
    ns = fixture.namespace();
    fixture.createVm(ns, "web");
    task = fixture.open(ns, ActionFixture.cloneOf(SourceKind.VirtualMachine, "web"));
  }

  @Test
  void executingRecordsTheRestartPolicyOfTheTaskRow() {
    ActionResult.Done done = task.complete(redoable);

    TaskRecord row = task.context().task();
    assertThat(done.data().path("maxRestarts").asInt()).isEqualTo(3).isEqualTo(row.maxRestarts());
    assertThat(Instant.parse(done.data().path("deadline").asText())).isEqualTo(row.deadline());
    assertThat(task.doneData(ActionNames.REDOABLE)).isEqualTo(done.data());
  }

  @Test
  void executingCreatesNothingAndTakesNoLock() {
    task.complete(redoable);

    assertNothingLabelled();
    assertThat(task.locks()).isEmpty();
  }

  @Test
  void executingAgainAndAgainAfterDoneReturnsTheSameData() {
    ActionResult first = task.execute(redoable);
    ActionResult second = task.execute(redoable);
    ActionResult.Done done = task.complete(redoable);
    ActionResult afterDone = task.execute(redoable);

    assertThat(first).isEqualTo(second).isEqualTo(done).isEqualTo(afterDone);
    assertNothingLabelled();
  }

  @Test
  void undoTwiceChangesNothing() {
    task.complete(redoable);
    String source = fixture.uid(VIRTUAL_MACHINE, ns, "web");

    task.undo(redoable);
    task.undo(redoable);

    assertThat(fixture.uid(VIRTUAL_MACHINE, ns, "web")).isEqualTo(source);
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).isEmpty();
    assertThat(task.doneData(ActionNames.REDOABLE).path("maxRestarts").asInt()).isEqualTo(3);
    assertNothingLabelled();
  }

  private void assertNothingLabelled() {
    for (KubeVirtKind kind : KubeVirtKind.values()) {
      assertThat(fixture.labelled(kind, ns, task.taskId())).as(kind.kind()).isEmpty();
    }
  }
}
