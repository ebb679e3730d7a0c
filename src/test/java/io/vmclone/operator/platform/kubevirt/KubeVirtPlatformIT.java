package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.CreateOutcome;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SourceObject;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import io.vmclone.simulator.KubeVirtSimulator;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.MockKubeVirtCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeVirtPlatform} against the fabric8 mock API server over HTTP, with the KubeVirt CRDs
 * installed and the KubeVirt simulator playing KubeVirt's and CDI's controllers.
 */
class KubeVirtPlatformIT {

  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static MockKubeVirtCluster cluster;
  private static KubeVirtSimulator simulator;
  private static KubeVirtPlatform platform;

  private String ns;
  private String taskId;

  @BeforeAll
  static void startCluster() {
    cluster = MockKubeVirtCluster.start();
    simulator =
        new KubeVirtSimulator(
                cluster.newClient(),
                SimulatorSettings.fast()
                    .withCopyDuration(Duration.ofSeconds(1))
                    .withFailCopyMatching("-broken$"))
            .start();
    platform = new KubeVirtPlatform(cluster.client());
  }

  @AfterAll
  static void stopCluster() {
    simulator.close();
    cluster.close();
  }

  @BeforeEach
  void freshNamespaceAndTask() {
    ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
    taskId = UUID.randomUUID().toString();
  }

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

    assertThat(state.ours()).isTrue();
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
    platform.ensureSnapshot(ns, "snap", "twice", taskId);
    String uid = cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap").at("/metadata/uid").asText();

    SnapshotState again = platform.ensureSnapshot(ns, "snap", "twice", taskId);

    assertThat(again.ours()).isTrue();
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
  void vmWithPersistentTpmIsRefusedBeforeAnySnapshotIsTaken() {
    ObjectNode vm = KubeVirtManifests.vm(ns, "sealed", "Halted");
    ((ObjectNode) vm.at("/spec/template/spec/domain/devices"))
        .putObject("tpm")
        .put("persistent", true);
    cluster.create(vm);

    assertThatThrownBy(() -> platform.ensureSnapshot(ns, "snap", "sealed", taskId))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("SourceNotCloneable"));
    assertThat(cluster.get(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap")).isEmpty();
  }

  @Test
  void foreignSnapshotIsReportedAsNotOursAndNeverDeleted() {
    cluster.create(KubeVirtManifests.vm(ns, "shared", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "snap", "shared"));

    SnapshotState state = platform.ensureSnapshot(ns, "snap", "shared", taskId);
    platform.deleteSnapshot(ns, "snap", taskId);

    assertThat(state.ours()).isFalse();
    assertThat(platform.readSnapshot(ns, "snap", taskId))
        .get()
        .extracting(SnapshotState::ours)
        .isEqualTo(false);
    assertThat(cluster.get(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap")).isPresent();
  }

  @Test
  void deletingOurSnapshotRemovesItAndKubeVirtRemovesItsContent() {
    cluster.create(KubeVirtManifests.vm(ns, "gone", "Halted"));
    awaitSnapshot("snap", "gone", SnapshotState.Phase.READY);
    String content =
        SnapshotStates.contentName(cluster.require(VIRTUAL_MACHINE_SNAPSHOT, ns, "snap"));

    platform.deleteSnapshot(ns, "snap", taskId);
    platform.deleteSnapshot(ns, "snap", taskId);

    assertThat(platform.readSnapshot(ns, "snap", taskId)).isEmpty();
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
    assertThat(
            dataVolume
                .at("/metadata/annotations")
                .path(KubeVirtPlatform.IMMEDIATE_BINDING)
                .asText())
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
  void deletingDiskCopiesSparesForeignOnes() {
    platform.ensureDiskCopy(copyRequest("ours"));
    cluster.create(KubeVirtManifests.dataVolume(ns, "theirs", "1Gi"));

    platform.deleteDiskCopy(ns, "ours", taskId);
    platform.deleteDiskCopy(ns, "theirs", taskId);
    platform.deleteDiskCopy(ns, "never-existed", taskId);

    assertThat(cluster.get(DATA_VOLUME, ns, "ours")).isEmpty();
    assertThat(cluster.get(DATA_VOLUME, ns, "theirs")).isPresent();
  }

  @Test
  void creatingTheVmTwiceAdoptsIt() {
    assertThat(platform.createVm(targetManifest("copy", taskId))).isEqualTo(CreateOutcome.CREATED);
    assertThat(platform.createVm(targetManifest("copy", taskId))).isEqualTo(CreateOutcome.ADOPTED);
    assertThat(countInNamespace(VIRTUAL_MACHINE)).isEqualTo(1);
  }

  @Test
  void vmOfAnotherTaskOrUserIsNotOursAndNeverDeleted() {
    ObjectNode theirs = cluster.create(KubeVirtManifests.vm(ns, "taken", "Halted"));
    platform.createVm(targetManifest("other", "another-task"));

    assertThat(platform.createVm(targetManifest("taken", taskId)))
        .isEqualTo(CreateOutcome.EXISTS_NOT_OURS);
    assertThat(platform.createVm(targetManifest("other", taskId)))
        .isEqualTo(CreateOutcome.EXISTS_NOT_OURS);
    platform.deleteVm(ns, "taken", taskId);
    platform.deleteVm(ns, "other", taskId);

    ObjectNode after = cluster.require(VIRTUAL_MACHINE, ns, "taken");
    assertThat(after.path("spec")).isEqualTo(theirs.path("spec"));
    assertThat(after.at("/metadata/labels").has(VmPlatform.TASK_LABEL)).isFalse();
    assertThat(cluster.get(VIRTUAL_MACHINE, ns, "other")).isPresent();
  }

  @Test
  void deletingOurVmRemovesItAndToleratesItsAbsence() {
    platform.createVm(targetManifest("temp", taskId));

    platform.deleteVm(ns, "temp", taskId);
    platform.deleteVm(ns, "temp", taskId);

    assertThat(platform.findVm(ns, "temp")).isEmpty();
  }

  @Test
  void runStrategyAlwaysBringsTheVmToRunning() {
    ObjectNode manifest = targetManifest("target", taskId);
    ((ObjectNode) manifest.get("spec")).remove("runStrategy");
    ((ObjectNode) manifest.get("spec")).put("running", false);
    platform.createVm(manifest);

    platform.setRunStrategy(ns, "target", taskId, RunStrategy.Always);

    VmState state =
        await().atMost(PATIENCE).until(() -> platform.findVm(ns, "target").get(), VmState::ready);
    assertThat(state.printableStatus()).isEqualTo("Running");
    JsonNode spec = cluster.require(VIRTUAL_MACHINE, ns, "target").path("spec");
    assertThat(spec.path("runStrategy").asText()).isEqualTo("Always");
    assertThat(spec.has("running")).isFalse();
  }

  @Test
  void runStrategyIsOnlySetOnOurVm() {
    cluster.create(KubeVirtManifests.vm(ns, "foreign", "Halted"));

    assertThatThrownBy(() -> platform.setRunStrategy(ns, "foreign", taskId, RunStrategy.Always))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("TargetNotOurs"));
    assertThat(platform.setRunStrategy(ns, "missing", taskId, RunStrategy.Always)).isEmpty();
    assertThat(cluster.require(VIRTUAL_MACHINE, ns, "foreign").at("/spec/runStrategy").asText())
        .isEqualTo("Halted");
  }

  @Test
  void finalizersAreAddedAndRemovedOnce() {
    ObjectNode vm = KubeVirtManifests.vm(ns, "guarded", "Halted");
    ((ObjectNode) vm.get("metadata")).putArray("finalizers").add("example.com/keep");
    cluster.create(vm);
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "guarded");

    platform.addFinalizer(ref, "vmclone.io/clone-a");
    platform.addFinalizer(ref, "vmclone.io/clone-a");
    assertThat(finalizers("guarded")).containsExactly("example.com/keep", "vmclone.io/clone-a");

    platform.removeFinalizer(ref, "vmclone.io/clone-a");
    platform.removeFinalizer(ref, "vmclone.io/clone-a");
    assertThat(finalizers("guarded")).containsExactly("example.com/keep");
  }

  @Test
  void removingTheLastFinalizerOfADeletedVmLetsItGo() {
    cluster.create(KubeVirtManifests.vm(ns, "leaving", "Halted"));
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "leaving");
    platform.addFinalizer(ref, "vmclone.io/clone-b");
    cluster.delete(VIRTUAL_MACHINE, ns, "leaving");
    assertThat(
            cluster
                .require(VIRTUAL_MACHINE, ns, "leaving")
                .at("/metadata/deletionTimestamp")
                .isTextual())
        .isTrue();

    platform.removeFinalizer(ref, "vmclone.io/clone-b");

    assertThat(platform.findVm(ns, "leaving")).isEmpty();
    platform.removeFinalizer(ref, "vmclone.io/clone-b");
  }

  @Test
  void addingAFinalizerToAMissingVmIsRefused() {
    assertThatThrownBy(
            () ->
                platform.addFinalizer(new ObjectRef("VirtualMachine", ns, "none"), "vmclone.io/x"))
        .isInstanceOfSatisfying(
            PlatformException.class, e -> assertThat(e.reason()).isEqualTo("SourceNotFound"));
  }

  @Test
  void forbiddenRequestsBecomePlatformExceptions() {
    String path = "/apis/kubevirt.io/v1/namespaces/" + ns + "/virtualmachines";
    cluster
        .server()
        .expect()
        .post()
        .withPath(path)
        .andReturn(
            403,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\","
                + "\"code\":403,\"message\":\"virtualmachines.kubevirt.io is forbidden: User"
                + " \\\"alice\\\" cannot create resource\"}")
        .always();

    assertThatThrownBy(() -> platform.createVm(targetManifest("denied", taskId)))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("Forbidden");
              assertThat(e.getMessage())
                  .startsWith("create virtualmachines.kubevirt.io in " + ns + " denied: ")
                  .contains("alice");
            });
  }

  @Test
  void conflictingWritesAreRetried() {
    platform.createVm(targetManifest("contended", taskId));
    expectConflicts("contended", KubeApi.MAX_CONFLICTS - 1);

    platform.setRunStrategy(ns, "contended", taskId, RunStrategy.Always);

    assertThat(cluster.require(VIRTUAL_MACHINE, ns, "contended").at("/spec/runStrategy").asText())
        .isEqualTo("Always");
  }

  @Test
  void endlessConflictsSurfaceAsTheClientsException() {
    platform.createVm(targetManifest("hot", taskId));
    expectConflicts("hot", KubeApi.MAX_CONFLICTS);
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "hot");

    assertThatThrownBy(() -> platform.addFinalizer(ref, "vmclone.io/z"))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(finalizers("hot")).isEmpty();
  }

  @Test
  void worksWithoutTheCrdsInstalled() {
    try (MockKubeVirtCluster bare = MockKubeVirtCluster.startWithoutCrds()) {
      KubeVirtPlatform onBare = new KubeVirtPlatform(bare.client());

      assertThat(onBare.createVm(targetManifest("plain", taskId))).isEqualTo(CreateOutcome.CREATED);
      assertThat(onBare.findVm(ns, "plain")).get().extracting(VmState::ready).isEqualTo(false);
      assertThat(onBare.ensureDiskCopy(copyRequest("plain-disk")).phase())
          .isEqualTo(DiskCopyState.Phase.IN_PROGRESS);
      onBare.addFinalizer(new ObjectRef("VirtualMachine", ns, "plain"), "vmclone.io/y");
      assertThat(onBare.setRunStrategy(ns, "plain", taskId, RunStrategy.Always)).isPresent();
    }
  }

  private void expectConflicts(String vmName, int times) {
    cluster
        .server()
        .expect()
        .put()
        .withPath("/apis/kubevirt.io/v1/namespaces/" + ns + "/virtualmachines/" + vmName)
        .andReturn(
            409,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"reason\":\"Conflict\",\"code\":409,\"message\":\"the object has been modified\"}")
        .times(times);
  }

  private SnapshotState awaitSnapshot(String name, String vmName, SnapshotState.Phase phase) {
    return await()
        .atMost(PATIENCE)
        .until(() -> platform.ensureSnapshot(ns, name, vmName, taskId), s -> s.phase() == phase);
  }

  private DiskCopyRequest copyRequest(String name) {
    return new DiskCopyRequest(
        ns, name, taskId, KubeVirtManifests.dataVolumeSpec(ns, "vs-" + name, "5Gi"));
  }

  private ObjectNode targetManifest(String name, String task) {
    ObjectNode vm = KubeVirtManifests.vm(ns, name, "Halted");
    ((ObjectNode) vm.at("/metadata/labels")).put(VmPlatform.TASK_LABEL, task);
    ((ObjectNode) vm.get("spec")).remove("dataVolumeTemplates");
    return vm;
  }

  private List<String> finalizers(String vmName) {
    List<String> names = new ArrayList<>();
    cluster
        .require(VIRTUAL_MACHINE, ns, vmName)
        .at("/metadata/finalizers")
        .forEach(f -> names.add(f.asText()));
    return names;
  }

  private int countInNamespace(KubeVirtKind kind) {
    return cluster
        .client()
        .genericKubernetesResources(kind.context())
        .inNamespace(ns)
        .list()
        .getItems()
        .size();
  }
}
