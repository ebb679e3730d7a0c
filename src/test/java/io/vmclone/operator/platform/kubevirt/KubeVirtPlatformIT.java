package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SourceObject;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeVirtPlatform}'s sources, snapshots and disk copies on the real API server, as the
 * operator's ServiceAccount with the chart's RBAC (see {@link PlatformOnControlPlane}).
 */
class KubeVirtPlatformIT extends PlatformOnControlPlane {

  @Test
  void findSourceReadsTheLiveVm() {
    ObjectNode vm = cluster.create(KubeVirtManifests.vm(ns, "web", "Halted"));

    SourceObject source = platform.findSource(new ObjectRef("VirtualMachine", ns, "web")).get();

    assertThat(source.uid()).isEqualTo(vm.at("/metadata/uid").asText());
    assertThat(source.labels()).containsEntry("app", "web");
    assertThat(source.ready()).isTrue();
    assertThat(source.vm().path("spec")).isEqualTo(vm.path("spec"));
  }

  @Test
  void findSourceOfMissingObjectIsEmpty() {
    assertThat(platform.findSource(new ObjectRef("VirtualMachine", ns, "nothing"))).isEmpty();
    assertThat(platform.findSource(new ObjectRef("VirtualMachineSnapshot", ns, "nothing")))
        .isEmpty();
  }

  @Test
  void findSourceOfUserSnapshotGivesTheRecordedVmOnceReady() {
    ObjectNode vm = cluster.create(KubeVirtManifests.vm(ns, "db", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "db-nightly", "db"));
    ObjectRef ref = new ObjectRef("VirtualMachineSnapshot", ns, "db-nightly");

    SourceObject source =
        await().atMost(PATIENCE).until(() -> platform.findSource(ref).get(), SourceObject::ready);

    assertThat(source.vm().at("/metadata/uid").asText()).isEqualTo(vm.at("/metadata/uid").asText());
    assertThat(source.vm().path("kind").asText()).isEqualTo("VirtualMachine");
    assertThat(source.vm().path("spec")).isEqualTo(vm.path("spec"));
  }

  @Test
  void snapshotOfStoppedVmBecomesReadyWithItsVolumes() {
    cluster.create(KubeVirtManifests.vm(ns, "stopped", "Halted"));

    SnapshotState state = awaitSnapshot("snap", "stopped", SnapshotState.Phase.READY);

    assertThat(state.vm().at("/metadata/name").asText()).isEqualTo("stopped");
    assertThat(state.volumes())
        .extracting(SnapshotState.VolumeBackup::volumeName)
        .containsExactly("rootdisk", "datadisk");
    SnapshotState.VolumeBackup root = state.volumes().get(0);
    assertThat(root.volumeSnapshotName()).startsWith("vmsnapshot-").endsWith("-volume-rootdisk");
    assertThat(root.storage().at("/resources/requests/storage").asText()).isEqualTo("30Gi");
    assertThat(root.storage().path("storageClassName").asText()).isEqualTo("fast");
    assertThat(root.storage().at("/accessModes/0").asText()).isEqualTo("ReadWriteOnce");
  }

  @Test
  void snapshotOfRunningVmBecomesReady() {
    cluster.create(KubeVirtManifests.vm(ns, "busy", "Always"));
    await()
        .atMost(PATIENCE)
        .until(
            () -> platform.findVm(ns, "busy").get(), vm -> "Running".equals(vm.printableStatus()));

    SnapshotState state = awaitSnapshot("snap", "busy", SnapshotState.Phase.READY);

    assertThat(state.vm().at("/spec/runStrategy").asText()).isEqualTo("Always");
    ObjectNode stored = cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap");
    assertThat(stored.at("/metadata/labels").path(VmPlatform.TASK_LABEL).asText())
        .isEqualTo(taskId);
    assertThat(stored.at("/spec/source/apiGroup").asText()).isEqualTo("kubevirt.io");
    assertThat(stored.at("/spec/source/kind").asText()).isEqualTo("VirtualMachine");
    assertThat(stored.at("/spec/source/name").asText()).isEqualTo("busy");
  }

  @Test
  void ensuringSnapshotTwiceCreatesItOnce() {
    cluster.create(KubeVirtManifests.vm(ns, "twice", "Halted"));
    platform.ensureSnapshot(ns, "snap", "twice", owner);
    String uid = cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap").at("/metadata/uid").asText();

    platform.ensureSnapshot(ns, "snap", "twice", owner);

    assertThat(cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap").at("/metadata/uid").asText())
        .isEqualTo(uid);
    assertThat(countInNamespace(VIRTUAL_MACHINE_SNAPSHOT)).isEqualTo(1);
  }

  @Test
  void snapshotOfMissingVmIsReportedFailed() {
    SnapshotState state = awaitSnapshot("snap", "ghost", SnapshotState.Phase.FAILED);

    assertThat(state.message()).contains("ghost", "does not exist");
    assertThat(state.vm()).isNull();
  }

  @Test
  void foreignSnapshotIsANameConflictAndNeverDeleted() {
    cluster.create(KubeVirtManifests.vm(ns, "shared", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "snap", "shared"));

    String refused =
        refusal(Reasons.NAME_CONFLICT, () -> platform.ensureSnapshot(ns, "snap", "shared", owner));
    platform.deleteSnapshot(ns, "snap", owner);

    assertThat(refused)
        .isEqualTo(
            "VirtualMachineSnapshot "
                + ns
                + "/snap exists and was not created by this clone; it was left untouched");
    assertThat(platform.readSnapshot(ns, "snap")).isPresent();
    assertThat(cluster.get(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap")).isPresent();
  }

  @Test
  void deletingOurSnapshotRemovesItAndKubeVirtRemovesItsContent() {
    cluster.create(KubeVirtManifests.vm(ns, "gone", "Halted"));
    awaitSnapshot("snap", "gone", SnapshotState.Phase.READY);
    String content =
        SnapshotStates.contentName(cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap"));

    platform.deleteSnapshot(ns, "snap", owner);
    platform.deleteSnapshot(ns, "snap", owner);

    assertThat(platform.readSnapshot(ns, "snap")).isEmpty();
    await()
        .atMost(PATIENCE)
        .until(() -> cluster.get(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, content).isEmpty());
  }

  @Test
  void diskCopyProgressAdvancesToSucceeded() {
    List<Integer> percents = new ArrayList<>();
    DiskCopyState state =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(10))
            .until(
                () -> {
                  DiskCopyState s = platform.ensureDiskCopy(copyRequest("disk-0"));
                  percents.add(s.progressPercent());
                  return s;
                },
                s -> s.phase() != DiskCopyState.Phase.IN_PROGRESS);

    assertThat(state.phase()).isEqualTo(DiskCopyState.Phase.SUCCEEDED);
    assertThat(state.progressPercent()).isEqualTo(100);
    assertThat(percents).isSorted();
    assertThat(percents).anySatisfy(p -> assertThat(p).isBetween(1, 99));
    ObjectNode dataVolume = cluster.require(DATA_VOLUME, ns, "disk-0");
    assertThat(dataVolume.at("/metadata/labels").path(VmPlatform.TASK_LABEL).asText())
        .isEqualTo(taskId);
    assertThat(dataVolume.at("/metadata/annotations").path(DataVolumes.IMMEDIATE_BINDING).asText())
        .isEqualTo("true");
    assertThat(dataVolume.at("/spec/source/snapshot/name").asText()).isEqualTo("vs-disk-0");
    assertThat(countInNamespace(DATA_VOLUME)).isEqualTo(1);
  }

  @Test
  void failingCopyIsReportedFailedWithTheSimulatorsMessage() {
    DiskCopyState state =
        await()
            .atMost(PATIENCE)
            .until(
                () -> platform.ensureDiskCopy(copyRequest("disk-broken")),
                s -> s.phase() != DiskCopyState.Phase.IN_PROGRESS);

    assertThat(state.phase()).isEqualTo(DiskCopyState.Phase.FAILED);
    assertThat(state.message()).contains("Simulated failure", "disk-broken");
    assertThat(state.progressPercent()).isBetween(50, 99);
  }

  @Test
  void diskCopyOverForeignDataVolumeIsANameConflict() {
    cluster.create(KubeVirtManifests.dataVolume(ns, "disk-1", "1Gi"));

    assertThatThrownBy(() -> platform.ensureDiskCopy(copyRequest("disk-1")))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("NameConflict"));
  }

  @Test
  void snapshotLabelledWithOurTaskIdButNotCreatedByUsIsANameConflictAndNeverDeleted() {
    cluster.create(KubeVirtManifests.vm(ns, "shared", "Halted"));
    ObjectNode labelled = KubeVirtManifests.snapshot(ns, "snap", "shared");
    labelled
        .withObjectProperty("metadata")
        .withObjectProperty("labels")
        .put(VmPlatform.TASK_LABEL, taskId);
    String uid = cluster.create(labelled).at("/metadata/uid").asText();

    refusal(Reasons.NAME_CONFLICT, () -> platform.ensureSnapshot(ns, "snap", "shared", owner));
    platform.deleteSnapshot(ns, "snap", owner);

    assertThat(cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap").at("/metadata/uid").asText())
        .isEqualTo(uid);
  }

  @Test
  void ourSnapshotIsOursForEveryAttemptOfTheActionAndNoOtherKey() {
    cluster.create(KubeVirtManifests.vm(ns, "twice", "Halted"));
    platform.ensureSnapshot(ns, "snap", "twice", owner);
    String key = owner.keys().get(0);

    Ownership nextAttempt = new Ownership(taskId, List.of(key, UUID.randomUUID().toString()));
    Ownership otherKey = new Ownership(taskId, List.of(UUID.randomUUID().toString()));
    Ownership otherTask = new Ownership(UUID.randomUUID().toString(), List.of(key));

    assertThat(platform.ensureSnapshot(ns, "snap", "twice", nextAttempt)).isNotNull();
    refusal(Reasons.NAME_CONFLICT, () -> platform.ensureSnapshot(ns, "snap", "twice", otherKey));
    refusal(Reasons.NAME_CONFLICT, () -> platform.ensureSnapshot(ns, "snap", "twice", otherTask));
  }

  @Test
  void dataVolumeLabelledWithOurTaskIdButNotCreatedByUsIsANameConflictAndNeverDeleted() {
    ObjectNode labelled = KubeVirtManifests.dataVolume(ns, "disk-2", "1Gi");
    labelled
        .withObjectProperty("metadata")
        .withObjectProperty("labels")
        .put(VmPlatform.TASK_LABEL, taskId);
    String uid = cluster.create(labelled).at("/metadata/uid").asText();

    assertThatThrownBy(() -> platform.ensureDiskCopy(copyRequest("disk-2")))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("NameConflict"));
    platform.deleteDiskCopy(ns, "disk-2", owner);

    assertThat(cluster.require(DATA_VOLUME, ns, "disk-2").at("/metadata/uid").asText())
        .isEqualTo(uid);
  }

  @Test
  void deletingDiskCopiesSparesForeignOnes() {
    platform.ensureDiskCopy(copyRequest("ours"));
    cluster.create(KubeVirtManifests.dataVolume(ns, "theirs", "1Gi"));

    platform.deleteDiskCopy(ns, "ours", owner);
    platform.deleteDiskCopy(ns, "theirs", owner);
    platform.deleteDiskCopy(ns, "never-existed", owner);

    assertThat(cluster.get(DATA_VOLUME, ns, "ours")).isEmpty();
    assertThat(cluster.get(DATA_VOLUME, ns, "theirs")).isPresent();
  }

  private SnapshotState awaitSnapshot(String name, String vmName, SnapshotState.Phase phase) {
    return await()
        .atMost(PATIENCE)
        .until(() -> platform.ensureSnapshot(ns, name, vmName, owner), s -> s.phase() == phase);
  }

  private DiskCopyRequest copyRequest(String name) {
    return new DiskCopyRequest(
        ns, name, owner, KubeVirtManifests.dataVolumeSpec(ns, "vs-" + name, "5Gi"));
  }

  private int countInNamespace(KubeVirtKind kind) {
    return cluster.names(kind, ns).size();
  }
}
