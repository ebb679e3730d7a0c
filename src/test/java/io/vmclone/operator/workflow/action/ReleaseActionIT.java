package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.testing.KubeVirtManifests;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ReleaseAction}: lets go of the source and deletes only the temporary snapshot. */
class ReleaseActionIT {

  private static final String USER_FINALIZER = "example.com/keep";
  private static ActionFixture fixture;

  private final ReleaseAction release = fixture.release();
  private String ns;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(ReleaseActionIT.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void sourceVmWithAUserFinalizer() {
    ns = fixture.namespace();
    ObjectNode vm = KubeVirtManifests.vm(ns, "web", "Halted");
    ((ObjectNode) vm.get("metadata")).putArray("finalizers").add(USER_FINALIZER);
    fixture.cluster.create(vm);
  }

  @Test
  void releaseDeletesTheTemporarySnapshotDropsLocksAndFinalizerAndKeepsTheClone() {
    CloneTask task = beforeRelease(SourceKind.VirtualMachine, "web");
    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).hasSize(1);
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).hasSize(2);

    ActionResult.Done done = task.complete(release);

    assertThat(done.data()).isEqualTo(fixture.mapper.createObjectNode());
    assertReleased(task);
    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).isEmpty();
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId()))
        .containsExactly(task.context().targetName());
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).hasSize(2);
  }

  @Test
  void executingAgainAndAgainAfterDoneReturnsTheSameDataAndReleasesOnce() {
    CloneTask task = beforeRelease(SourceKind.VirtualMachine, "web");

    ActionResult first = task.execute(release);
    ActionResult second = task.execute(release);
    ActionResult.Done done = task.complete(release);
    ActionResult afterDone = task.execute(release);

    assertThat(first).isEqualTo(second).isEqualTo(done).isEqualTo(afterDone);
    assertReleased(task);
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).hasSize(1);
  }

  @Test
  void undoOfReleaseTakesNothingBackAndLeavesTheCloneInPlace() {
    CloneTask task = beforeRelease(SourceKind.VirtualMachine, "web");
    task.complete(release);

    task.undo(release);
    task.undo(release);

    assertReleased(task);
    assertThat(fixture.labelled(VIRTUAL_MACHINE, ns, task.taskId())).hasSize(1);
    assertThat(fixture.labelled(DATA_VOLUME, ns, task.taskId())).hasSize(2);
  }

  @Test
  void undoingEveryActionOfACloneCancelledAtReleaseLeavesOnlyTheSource() {
    CloneTask task = beforeRelease(SourceKind.VirtualMachine, "web");
    task.start(release);

    undoAll(task);

    for (var kind : List.of(VIRTUAL_MACHINE, VIRTUAL_MACHINE_SNAPSHOT, DATA_VOLUME)) {
      assertThat(fixture.labelled(kind, ns, task.taskId())).as(kind.kind()).isEmpty();
    }
    assertReleased(task);
  }

  @Test
  void usersSnapshotGivenAsTheSourceIsReleasedButNeverDeleted() {
    String uid =
        fixture
            .cluster
            .create(KubeVirtManifests.snapshot(ns, "nightly", "web"))
            .at("/metadata/uid")
            .asText();
    CloneTask task = beforeRelease(SourceKind.VirtualMachineSnapshot, "nightly");
    String finalizer = ChildNames.sourceFinalizer(task.cloneUid());
    assertThat(fixture.finalizers(VIRTUAL_MACHINE_SNAPSHOT, ns, "nightly")).contains(finalizer);

    task.complete(release);
    undoAll(task);

    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, "nightly")).isEqualTo(uid);
    assertThat(fixture.finalizers(VIRTUAL_MACHINE_SNAPSHOT, ns, "nightly")).isEmpty();
    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT, ns)).isEqualTo(1);
    assertThat(task.locks()).isEmpty();
  }

  @Test
  void snapshotOfTheTemporaryNameWithoutOurLabelSurvivesRelease() {
    CloneTask task = beforeRelease(SourceKind.VirtualMachine, "web");
    String name = ChildNames.snapshotName(task.cloneUid());
    fixture.cluster.delete(VIRTUAL_MACHINE_SNAPSHOT, ns, name);
    String uid =
        fixture
            .cluster
            .create(KubeVirtManifests.snapshot(ns, name, "web"))
            .at("/metadata/uid")
            .asText();

    task.complete(release);

    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name)).isEqualTo(uid);
    assertReleased(task);
  }

  @Test
  void snapshotOfTheTemporaryNameLabelledWithOurTaskIdButNotOursSurvivesRelease() {
    CloneTask task = beforeRelease(SourceKind.VirtualMachine, "web");
    String name = ChildNames.snapshotName(task.cloneUid());
    fixture.cluster.delete(VIRTUAL_MACHINE_SNAPSHOT, ns, name);
    String uid =
        fixture
            .cluster
            .create(
                ActionFixture.labelledFor(
                    KubeVirtManifests.snapshot(ns, name, "web"), task.taskId()))
            .at("/metadata/uid")
            .asText();

    task.complete(release);

    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name)).isEqualTo(uid);
  }

  private CloneTask beforeRelease(SourceKind kind, String source) {
    return fixture
        .open(ns, ActionFixture.cloneOf(kind, source))
        .completeBefore(ActionNames.RELEASE);
  }

  private void undoAll(CloneTask task) {
    List<Action> reversed = new ArrayList<>(fixture.workflow());
    Collections.reverse(reversed);
    reversed.forEach(task::undo);
  }

  private void assertReleased(CloneTask task) {
    assertThat(task.locks()).isEmpty();
    assertThat(fixture.finalizers(VIRTUAL_MACHINE, ns, "web")).containsExactly(USER_FINALIZER);
  }
}
