package io.vmclone.operator.workflow.action;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.testing.KubeVirtManifests;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SnapshotSourceAction}: a temporary snapshot of a source VM, or the user's snapshot. */
class SnapshotSourceActionIT {

  private static ActionFixture fixture;

  private final SnapshotSourceAction snapshot = fixture.snapshotSource();
  private String ns;

  @BeforeAll
  static void start() {
    fixture = ActionFixture.start(SnapshotSourceActionIT.class);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @BeforeEach
  void sourceVm() {
    ns = fixture.namespace();
    fixture.createVm(ns, "web");
  }

  @Test
  void executingToDoneCreatesOneTemporarySnapshotNamedFromTheCloneAndLabelled() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());

    SnapshotData data = data(task.complete(snapshot));

    String name = ChildNames.snapshotName(task.cloneUid());
    assertThat(data.namespace()).isEqualTo(ns);
    assertThat(data.name()).isEqualTo(name);
    assertThat(data.temporary()).isTrue();
    assertThat(data.volumes())
        .extracting(VolumeBackup::volumeName)
        .containsExactly("rootdisk", "datadisk");
    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).containsExactly(name);
    ObjectNode stored = fixture.cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, name);
    assertThat(stored.at("/spec/source/name").asText()).isEqualTo("web");
  }

  @Test
  void executingAgainAndAgainAfterDoneCreatesNoSecondSnapshotAndReturnsTheSameData() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    String name = ChildNames.snapshotName(task.cloneUid());

    assertThat(task.execute(snapshot)).isInstanceOf(ActionResult.InProgress.class);
    String uid = fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name);
    ActionResult.Done done = task.complete(snapshot);
    ActionResult afterDone = task.execute(snapshot);

    assertThat(afterDone).isEqualTo(done);
    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name)).isEqualTo(uid);
    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).hasSize(1);
    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT, ns)).isEqualTo(1);
  }

  @Test
  void undoWhileTheSnapshotIsInProgressDeletesIt() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    assertThat(task.execute(snapshot)).isInstanceOf(ActionResult.InProgress.class);

    task.undo(snapshot);
    task.undo(snapshot);

    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT, ns)).isZero();
    await()
        .atMost(ActionFixture.PATIENCE)
        .until(() -> fixture.count(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns) == 0);
  }

  @Test
  void undoAfterDoneDeletesTheSnapshotAndKubeVirtDeletesItsContent() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    task.complete(snapshot);
    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns)).isEqualTo(1);

    task.undo(snapshot);
    task.undo(snapshot);

    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).isEmpty();
    await()
        .atMost(ActionFixture.PATIENCE)
        .until(() -> fixture.count(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns) == 0);
  }

  @Test
  void snapshotOfThatNameWithoutOurLabelIsRefusedAndSurvivesUndo() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    String name = ChildNames.snapshotName(task.cloneUid());
    ObjectNode theirs = fixture.cluster.create(KubeVirtManifests.snapshot(ns, name, "web"));

    Throwable refused = catchThrowable(() -> task.execute(snapshot));
    task.undo(snapshot);

    assertNameConflict(refused).hasMessageContainingAll(name, "was not created by this clone");
    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name))
        .isEqualTo(theirs.at("/metadata/uid").asText());
    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).isEmpty();
  }

  @Test
  void snapshotOfThatNameLabelledWithOurTaskIdIsRefusedAsANameConflictAndSurvivesUndo() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    String name = ChildNames.snapshotName(task.cloneUid());
    String uid =
        fixture
            .cluster
            .create(
                ActionFixture.labelledFor(
                    KubeVirtManifests.snapshot(ns, name, "web"), task.taskId()))
            .at("/metadata/uid")
            .asText();

    Throwable refused = catchThrowable(() -> task.execute(snapshot));
    task.undo(snapshot);

    assertNameConflict(refused);
    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name)).isEqualTo(uid);
  }

  @Test
  void anAttemptAfterACrashAdoptsTheSnapshotTheInterruptedAttemptCreatedAndUndoDeletesIt() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    String name = ChildNames.snapshotName(task.cloneUid());
    task.execute(snapshot);
    String uid = fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name);

    task.restart(snapshot);
    ActionResult.Done done = task.complete(snapshot);

    assertThat(done.data().path("name").asText()).isEqualTo(name);
    DoneFacts facts = new DoneFacts();
    snapshot.describe(done.data(), facts);
    assertThat(facts.snapshotName()).as("what the status shows").isEqualTo(name);
    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, name)).isEqualTo(uid);
    task.undo(snapshot);
    assertThat(fixture.cluster.get(VIRTUAL_MACHINE_SNAPSHOT, ns, name)).isEmpty();
  }

  @Test
  void snapshotThatFailsIsReportedFailedWithKubeVirtsReasonAndUndoDeletesIt() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUidWithFailingSnapshot());

    ActionResult result = task.settle(snapshot);
    task.undo(snapshot);

    assertThat(result).isInstanceOf(ActionResult.Failed.class);
    ActionResult.Failed failed = (ActionResult.Failed) result;
    assertThat(failed.reason()).isEqualTo(Reasons.SNAPSHOT_FAILED);
    assertThat(failed.message())
        .contains(ChildNames.snapshotName(task.cloneUid()), "Simulated failure");
    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT, ns)).isZero();
  }

  @Test
  void aVmThatCannotBeClonedAnyMoreWhenSnapshottedIsRefusedOnceReadyAndUndoDeletesTheSnapshot() {
    CloneTask task = cloneOfWeb(ActionFixture.cloneUid());
    ObjectNode tpm = fixture.mapper.createObjectNode();
    tpm.putObject("spec")
        .putObject("template")
        .putObject("spec")
        .putObject("domain")
        .putObject("devices")
        .putObject("tpm")
        .put("persistent", true);
    fixture.cluster.mergePatch(VIRTUAL_MACHINE, ns, "web", tpm);

    Throwable refused = catchThrowable(() -> task.settle(snapshot));
    task.undo(snapshot);

    assertThat(refused)
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> assertThat(e.reason()).isEqualTo(Reasons.SOURCE_NOT_CLONEABLE))
        .hasMessageContaining("persistent TPM");
    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT, ns)).isZero();
  }

  @Test
  void usersSnapshotGivenAsTheSourceIsUsedWithoutATemporarySnapshotAndNeverDeleted() {
    String uid =
        fixture
            .cluster
            .create(KubeVirtManifests.snapshot(ns, "nightly", "web"))
            .at("/metadata/uid")
            .asText();
    CloneTask task =
        fixture.open(ns, ActionFixture.cloneOf(SourceKind.VirtualMachineSnapshot, "nightly"));
    task.completeBefore(ActionNames.SNAPSHOT_SOURCE);

    SnapshotData data = data(task.complete(snapshot));
    task.undo(snapshot);
    task.undo(snapshot);

    assertThat(data.name()).isEqualTo("nightly");
    assertThat(data.temporary()).isFalse();
    assertThat(data.volumes()).hasSize(2);
    assertThat(fixture.count(VIRTUAL_MACHINE_SNAPSHOT, ns)).isEqualTo(1);
    assertThat(fixture.labelled(VIRTUAL_MACHINE_SNAPSHOT, ns, task.taskId())).isEmpty();
    assertThat(fixture.uid(VIRTUAL_MACHINE_SNAPSHOT, ns, "nightly")).isEqualTo(uid);
  }

  private CloneTask cloneOfWeb(String cloneUid) {
    return fixture
        .open(ns, ActionFixture.cloneOf(SourceKind.VirtualMachine, "web"), cloneUid)
        .completeBefore(ActionNames.SNAPSHOT_SOURCE);
  }

  private SnapshotData data(ActionResult.Done done) {
    return SnapshotData.fromJson(fixture.mapper, done.data());
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertNameConflict(
      Throwable refused) {
    return assertThat(refused)
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo(Reasons.NAME_CONFLICT));
  }
}
