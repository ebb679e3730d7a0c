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
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.User;
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
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeVirtPlatform} against the real API server of the test control plane, as the operator's
 * ServiceAccount with exactly the chart's RBAC (a right the chart lacks fails a test with a 403),
 * with the KubeVirt CRDs' structural schemas and the KubeVirt simulator playing KubeVirt's and
 * CDI's controllers. Setup and checks go through the admin. Each test gets a namespace of its own
 * (the class's prefix), which the simulator keeps to.
 */
class KubeVirtPlatformIT {

  private static final Duration PATIENCE = Duration.ofSeconds(15);
  private static final String PREFIX = "platform-it";

  private static KubeVirtObjects cluster;
  private static KubernetesClient operator;
  private static KubernetesClient simulatorClient;
  private static KubeVirtSimulator simulator;
  private static KubeVirtPlatform platform;

  private String ns;
  private String taskId;

  @BeforeAll
  static void startSimulatorAndPlatform() {
    ControlPlane plane = TestControlPlane.get();
    TestControlPlane.installOperatorRbac();
    cluster = KubeVirtObjects.asAdmin();
    simulatorClient = plane.client(User.ADMIN);
    simulator =
        new KubeVirtSimulator(
                simulatorClient,
                SimulatorSettings.fast()
                    .withCopyDuration(Duration.ofSeconds(1))
                    .withFailCopyMatching("-broken$"))
            .onlyIn(namespace -> namespace.startsWith(PREFIX + "-"))
            .withWebhooks(
                SimulatorWebhooks.start(plane, simulatorClient)
                    .register(
                        simulatorClient,
                        "kubevirt-simulator-" + PREFIX,
                        SimulatorWebhooks.labelled(PREFIX)))
            .start();
    operator = operatorClient(plane, null);
    platform = new KubeVirtPlatform(operator);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
    simulatorClient.close();
    operator.close();
  }

  @BeforeEach
  void freshNamespaceAndTask() {
    ns = TestControlPlane.newNamespace(PREFIX);
    SimulatorWebhooks.label(cluster.client(), ns, PREFIX);
    SimulatorWebhooks.awaitEffective(cluster.client(), ns);
    taskId = UUID.randomUUID().toString();
  }

  @AfterEach
  void dropNamespace() {
    cluster.client().namespaces().withName(ns).delete();
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
  void targetVmKeepsWhatTheOperatorWritesAndLosesWhatNoSchemaDeclares() {
    ObjectNode source = VmFixtures.vm("running-multi-nic");
    ObjectNode target =
        TargetVmBuilder.build(
            new TargetVmRequest(
                source,
                VmFixtures.cloneOf(source),
                ns,
                "web-copy",
                taskId,
                VmFixtures.DEFAULT_SERIAL,
                VmFixtures.copiesOf(source)));
    ObjectNode sent = target.deepCopy();
    sent.withObjectProperty("spec").put("notInTheSchema", "pruned");
    ((ObjectNode) sent.at("/spec/dataVolumeTemplates/0/spec")).put("notInTheSchema", "pruned");
    ((ObjectNode) sent.at("/spec/template/spec/domain/devices/interfaces/1"))
        .put("keptAsKubeVirtKeepsIt", "passed through");

    assertThat(platform.createVm(sent)).isEqualTo(CreateOutcome.CREATED);

    ObjectNode stored = cluster.require(VIRTUAL_MACHINE, ns, "web-copy");
    ObjectNode expectedSpec = target.get("spec").deepCopy();
    ((ObjectNode) expectedSpec.at("/template/spec/domain/devices/interfaces/1"))
        .put("keptAsKubeVirtKeepsIt", "passed through");
    assertThat(stored.path("spec")).isEqualTo(expectedSpec);
    assertThat(stored.at("/spec").has("notInTheSchema")).isFalse();
    assertThat(stored.at("/spec/dataVolumeTemplates/0/spec").has("notInTheSchema")).isFalse();
    assertThat(stored.at("/metadata/labels")).isEqualTo(target.at("/metadata/labels"));
    assertThat(stored.at("/metadata/annotations")).isEqualTo(target.at("/metadata/annotations"));
    assertThat(VmVolumes.volumesToCopy(stored)).isEqualTo(VmVolumes.volumesToCopy(target));
    assertThat(platform.createVm(target)).isEqualTo(CreateOutcome.ADOPTED);
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
    ControlPlane plane = TestControlPlane.get();
    try (KubernetesClient bob = plane.client("bob")) {
      KubeVirtPlatform asBob = new KubeVirtPlatform(bob);

      assertThatThrownBy(() -> asBob.createVm(targetManifest("denied", taskId)))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("Forbidden");
                assertThat(e.getMessage())
                    .startsWith("create virtualmachines.kubevirt.io in " + ns + " denied: ")
                    .contains("\"bob\"", "cannot create resource \"virtualmachines\"");
              });
    }
    assertThat(cluster.get(VIRTUAL_MACHINE, ns, "denied")).isEmpty();
  }

  @Test
  void refusalsOfAdmissionWebhooksAndSchemasBecomePlatformExceptions() {
    ObjectNode both = targetManifest("both", taskId);
    ((ObjectNode) both.get("spec")).put("running", false);
    ObjectNode shapeless = targetManifest("shapeless", taskId);
    ((ObjectNode) shapeless.get("spec")).remove("template");

    assertThatThrownBy(() -> platform.createVm(both))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("AdmissionDenied");
              assertThat(e.getMessage())
                  .startsWith("create virtualmachines.kubevirt.io in " + ns + " denied: ")
                  .contains("virtualmachine-validator.kubevirt.io", "mutually exclusive");
            });
    assertThatThrownBy(() -> platform.createVm(shapeless))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("Invalid");
              assertThat(e.getMessage()).contains("spec.template", "Required value");
            });
  }

  @Test
  void copyOfASnapshotInAnotherNamespaceIsAdmittedWithTheChartsRights() {
    String sourceNs = TestControlPlane.newNamespace(PREFIX);
    SimulatorWebhooks.label(cluster.client(), sourceNs, PREFIX);
    DiskCopyRequest request =
        new DiskCopyRequest(
            ns, "cross", taskId, KubeVirtManifests.dataVolumeSpec(sourceNs, "vs-cross", "5Gi"));
    try {
      DiskCopyState state =
          await()
              .atMost(PATIENCE)
              .until(
                  () -> platform.ensureDiskCopy(request),
                  s -> s.phase() != DiskCopyState.Phase.IN_PROGRESS);

      assertThat(state.phase()).isEqualTo(DiskCopyState.Phase.SUCCEEDED);
      assertThat(cluster.require(DATA_VOLUME, ns, "cross").at("/spec/source/snapshot/namespace"))
          .hasToString('"' + sourceNs + '"');
    } finally {
      cluster.client().namespaces().withName(sourceNs).delete();
    }
  }

  @Test
  void conflictingWritesAreRetried() {
    platform.createVm(targetManifest("contended", taskId));
    ConflictingWrites conflicts = new ConflictingWrites(cluster);
    try (KubernetesClient contended = operatorClient(TestControlPlane.get(), conflicts)) {
      conflicts.arm(ns, "contended", KubeApi.MAX_CONFLICTS - 1);

      new KubeVirtPlatform(contended).setRunStrategy(ns, "contended", taskId, RunStrategy.Always);
    }

    ObjectNode stored = cluster.require(VIRTUAL_MACHINE, ns, "contended");
    assertThat(stored.at("/spec/runStrategy").asText()).isEqualTo("Always");
    assertThat(stored.at("/metadata/annotations/test.vmclone.io~1concurrent-write").asText())
        .isEqualTo("0");
  }

  @Test
  void endlessConflictsSurfaceAsTheClientsException() {
    platform.createVm(targetManifest("hot", taskId));
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "hot");
    ConflictingWrites conflicts = new ConflictingWrites(cluster);
    try (KubernetesClient contended = operatorClient(TestControlPlane.get(), conflicts)) {
      conflicts.arm(ns, "hot", KubeApi.MAX_CONFLICTS);

      assertThatThrownBy(() -> new KubeVirtPlatform(contended).addFinalizer(ref, "vmclone.io/z"))
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }
    assertThat(finalizers("hot")).isEmpty();
  }

  /** A client as the operator's ServiceAccount, optionally with an interceptor. */
  private static KubernetesClient operatorClient(ControlPlane plane, Interceptor interceptor) {
    KubernetesClientBuilder builder =
        new KubernetesClientBuilder()
            .withConfig(plane.config(OperatorInstall.token(plane, Duration.ofHours(1)), "default"));
    if (interceptor != null) {
      builder.withHttpClientBuilderConsumer(
          http -> http.addOrReplaceInterceptor("conflicting-writes", interceptor));
    }
    return builder.build();
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
    return cluster.names(kind, ns).size();
  }
}
