package io.vmclone.simulator;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.vmclone.controlplane.User;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.TestControlPlane;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's transitions for each kind, against the real API server of the test control plane
 * (structural schemas and status subresources of the KubeVirt CRDs), in a namespace of this class
 * that the simulator keeps to.
 */
class KubeVirtSimulatorIT {

  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static String ns;
  private static KubeVirtObjects cluster;
  private static KubernetesClient simulatorClient;
  private static KubeVirtSimulator simulator;

  @BeforeAll
  static void startSimulator() {
    ns = TestControlPlane.newNamespace("simulator");
    cluster = KubeVirtObjects.asAdmin();
    simulatorClient = TestControlPlane.get().client(User.ADMIN);
    simulator =
        simulator(
            SimulatorSettings.fast()
                .withFailCopyMatching("^broken-")
                .withFailSnapshotMatching("^doomed-"));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
    simulatorClient.close();
    cluster.client().namespaces().withName(ns).delete();
  }

  private static KubeVirtSimulator simulator(SimulatorSettings settings) {
    return new KubeVirtSimulator(simulatorClient, settings).onlyIn(ns::equals).start();
  }

  @Test
  void vmAskedToRunBecomesRunningAndReady() {
    cluster.create(KubeVirtManifests.vm(ns, "runner", "Always"));

    ObjectNode vm = awaitStatus(VIRTUAL_MACHINE, "runner", "/status/printableStatus", "Running");

    assertThat(vm.at("/status/ready").asBoolean()).isTrue();
    assertThat(vm.at("/status/created").asBoolean()).isTrue();
    assertThat(condition(vm, "Ready").path("status").asText()).isEqualTo("True");
  }

  @Test
  void haltedVmIsReportedStopped() {
    cluster.create(KubeVirtManifests.vm(ns, "sleeper", "Halted"));

    ObjectNode vm = awaitStatus(VIRTUAL_MACHINE, "sleeper", "/status/printableStatus", "Stopped");

    assertThat(vm.at("/status/ready").asBoolean(true)).isFalse();
    assertThat(vm.at("/status/created").isMissingNode()).isTrue();
    assertThat(condition(vm, "Ready").path("reason").asText()).isEqualTo("VMINotExists");
  }

  @Test
  void vmFollowsChangesOfItsRunStrategy() {
    cluster.create(KubeVirtManifests.vm(ns, "toggler", "Halted"));
    awaitStatus(VIRTUAL_MACHINE, "toggler", "/status/printableStatus", "Stopped");

    setRunStrategy("toggler", "RerunOnFailure");
    awaitStatus(VIRTUAL_MACHINE, "toggler", "/status/printableStatus", "Running");

    setRunStrategy("toggler", "Halted");
    ObjectNode vm = awaitStatus(VIRTUAL_MACHINE, "toggler", "/status/printableStatus", "Stopped");
    assertThat(vm.at("/status/ready").asBoolean(true)).isFalse();
  }

  @Test
  void legacyRunningFieldIsHonoured() {
    ObjectNode manifest = KubeVirtManifests.vm(ns, "legacy", null);
    ((ObjectNode) manifest.get("spec")).put("running", true);
    cluster.create(manifest);

    awaitStatus(VIRTUAL_MACHINE, "legacy", "/status/printableStatus", "Running");
  }

  @Test
  void dataVolumeTemplatesBecomeDataVolumesOwnedByTheVm() {
    ObjectNode vm = cluster.create(KubeVirtManifests.vm(ns, "owner", "Halted"));

    ObjectNode dataVolume = awaitStatus(DATA_VOLUME, "owner-root", "/status/phase", "Succeeded");

    JsonNode owner = dataVolume.at("/metadata/ownerReferences/0");
    assertThat(owner.path("kind").asText()).isEqualTo("VirtualMachine");
    assertThat(owner.path("uid").asText()).isEqualTo(vm.at("/metadata/uid").asText());
    assertThat(dataVolume.at("/spec/storage/resources/requests/storage").asText())
        .isEqualTo("30Gi");
  }

  @Test
  void dataVolumeProgressAdvancesToSucceeded() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = watchProgress("steady", seen)) {
      cluster.create(KubeVirtManifests.dataVolume(ns, "steady", "5Gi"));
      ObjectNode dataVolume = awaitStatus(DATA_VOLUME, "steady", "/status/phase", "Succeeded");

      assertThat(dataVolume.at("/status/progress").asText()).isEqualTo("100.0%");
      assertThat(condition(dataVolume, "Ready").path("status").asText()).isEqualTo("True");
      assertThat(condition(dataVolume, "Bound").path("status").asText()).isEqualTo("True");
      assertThat(condition(dataVolume, "Running").path("reason").asText()).isEqualTo("Completed");
    }
    assertThat(seen).first().isEqualTo("CloneScheduled N/A");
    List<Double> percents = percentsIn(seen, "CloneInProgress");
    assertThat(percents).isNotEmpty().isSorted();
    assertThat(percents).allSatisfy(p -> assertThat(p).isBetween(0.0, 100.0));
  }

  @Test
  void dataVolumeGetsItsClaim() {
    cluster.create(KubeVirtManifests.dataVolume(ns, "claimed", "7Gi"));
    awaitStatus(DATA_VOLUME, "claimed", "/status/phase", "Succeeded");

    var claim = cluster.client().persistentVolumeClaims().inNamespace(ns).withName("claimed").get();

    assertThat(claim).isNotNull();
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("7Gi");
    assertThat(claim.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("DataVolume");
  }

  @Test
  void copyMatchingTheFailurePatternFailsPartWay() {
    cluster.create(KubeVirtManifests.dataVolume(ns, "broken-disk", "5Gi"));

    ObjectNode dataVolume = awaitStatus(DATA_VOLUME, "broken-disk", "/status/phase", "Failed");

    double progress = DataVolumeStatuses.parse(dataVolume.at("/status/progress").asText());
    assertThat(progress).isGreaterThanOrEqualTo(50.0).isLessThan(100.0);
    JsonNode running = condition(dataVolume, "Running");
    assertThat(running.path("status").asText()).isEqualTo("False");
    assertThat(running.path("reason").asText()).isEqualTo("Error");
    assertThat(running.path("message").asText()).contains("Simulated failure", "broken-disk");
  }

  @Test
  void transferInProgressResumesAfterTheSimulatorRestarts() {
    SimulatorSettings fast = simulator.settings();
    simulator.close();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch = watchProgress("resumed", seen)) {
      cluster.create(KubeVirtManifests.dataVolume(ns, "resumed", "5Gi"));
      ObjectNode dataVolume = cluster.require(DATA_VOLUME, ns, "resumed");
      dataVolume.putObject("status").put("phase", "CloneInProgress").put("progress", "80.00%");
      cluster.updateStatus(DATA_VOLUME, dataVolume);
      // slow enough that the remaining 20% take several progress steps
      restartSimulator(fast.withCopyDuration(Duration.ofSeconds(3)));

      awaitStatus(DATA_VOLUME, "resumed", "/status/phase", "Succeeded");
    } finally {
      restartSimulator(fast);
    }
    List<Double> percents = percentsIn(seen, "CloneInProgress");
    assertThat(percents.size()).isGreaterThan(1);
    assertThat(percents).isSorted().allSatisfy(p -> assertThat(p).isGreaterThanOrEqualTo(80.0));
  }

  @Test
  void snapshotOfMissingVmFails() {
    cluster.create(KubeVirtManifests.snapshot(ns, "orphan", "no-such-vm"));

    ObjectNode snapshot =
        awaitStatus(VIRTUAL_MACHINE_SNAPSHOT, "orphan", "/status/phase", "Failed");

    assertThat(snapshot.at("/status/error/message").asText())
        .isEqualTo("Source VirtualMachine " + ns + "/no-such-vm does not exist");
    assertThat(snapshot.at("/status/readyToUse").asBoolean(true)).isFalse();
    assertThat(cluster.get(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, contentName(snapshot))).isEmpty();
  }

  @Test
  void snapshotMatchingTheFailurePatternFails() {
    cluster.create(KubeVirtManifests.vm(ns, "victim", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "doomed-snap", "victim"));

    ObjectNode snapshot =
        awaitStatus(VIRTUAL_MACHINE_SNAPSHOT, "doomed-snap", "/status/phase", "Failed");

    assertThat(snapshot.at("/status/error/message").asText()).contains("Simulated failure");
    assertThat(condition(snapshot, "Ready").path("status").asText()).isEqualTo("False");
  }

  @Test
  void snapshotBecomesReadyWithContentRecordingVmAndVolumes() {
    cluster.create(KubeVirtManifests.claim(ns, "shot-data", "5Gi"));
    ObjectNode vm = cluster.create(KubeVirtManifests.vm(ns, "shot", "Always"));
    cluster.create(KubeVirtManifests.snapshot(ns, "shot-snap", "shot"));

    ObjectNode snapshot =
        awaitStatus(VIRTUAL_MACHINE_SNAPSHOT, "shot-snap", "/status/phase", "Succeeded");

    String uid = snapshot.at("/metadata/uid").asText();
    assertThat(snapshot.at("/status/readyToUse").asBoolean()).isTrue();
    assertThat(snapshot.at("/status/sourceUID").asText())
        .isEqualTo(vm.at("/metadata/uid").asText());
    assertThat(snapshot.at("/status/creationTime").isTextual()).isTrue();
    assertThat(contentName(snapshot)).isEqualTo("vmsnapshot-content-" + uid);
    assertThat(condition(snapshot, "Ready").path("status").asText()).isEqualTo("True");
    assertThat(condition(snapshot, "Progressing").path("reason").asText())
        .isEqualTo("Operation complete");
    assertThat(texts(snapshot.at("/status/snapshotVolumes/includedVolumes")))
        .containsExactly("rootdisk", "datadisk");

    ObjectNode content =
        cluster.require(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, contentName(snapshot));
    JsonNode recorded = content.at("/spec/source/virtualMachine");
    assertThat(recorded.at("/metadata/uid").asText()).isEqualTo(vm.at("/metadata/uid").asText());
    assertThat(recorded.at("/metadata/labels/app").asText()).isEqualTo("shot");
    assertThat(recorded.path("spec")).isEqualTo(vm.path("spec"));
    assertThat(content.at("/spec/virtualMachineSnapshotName").asText()).isEqualTo("shot-snap");
    assertThat(content.at("/status/readyToUse").asBoolean()).isTrue();

    JsonNode root = content.at("/spec/volumeBackups/0");
    assertThat(root.path("volumeName").asText()).isEqualTo("rootdisk");
    assertThat(root.at("/persistentVolumeClaim/metadata/name").asText()).isEqualTo("shot-root");
    assertThat(root.at("/persistentVolumeClaim/spec/resources/requests/storage").asText())
        .isEqualTo("30Gi");
    assertThat(root.at("/persistentVolumeClaim/spec/storageClassName").asText()).isEqualTo("fast");
    assertThat(root.path("volumeSnapshotName").asText())
        .isEqualTo("vmsnapshot-" + uid + "-volume-rootdisk");
    JsonNode data = content.at("/spec/volumeBackups/1");
    assertThat(data.at("/persistentVolumeClaim/spec/resources/requests/storage").asText())
        .isEqualTo("5Gi");
    assertThat(data.at("/persistentVolumeClaim/spec/accessModes/0").asText())
        .isEqualTo("ReadWriteMany");
    assertThat(content.at("/spec/volumeBackups").size()).isEqualTo(2);
  }

  @Test
  void unknownDiskSizeIsAssumedTenGi() {
    cluster.create(KubeVirtManifests.vm(ns, "vague", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "vague-snap", "vague"));

    ObjectNode snapshot =
        awaitStatus(VIRTUAL_MACHINE_SNAPSHOT, "vague-snap", "/status/phase", "Succeeded");

    ObjectNode content =
        cluster.require(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, contentName(snapshot));
    assertThat(
            content
                .at("/spec/volumeBackups/1/persistentVolumeClaim/spec/resources/requests/storage")
                .asText())
        .isEqualTo("10Gi");
  }

  @Test
  void deletingSnapshotDeletesItsContent() {
    cluster.create(KubeVirtManifests.vm(ns, "brief", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "brief-snap", "brief"));
    ObjectNode snapshot =
        awaitStatus(VIRTUAL_MACHINE_SNAPSHOT, "brief-snap", "/status/phase", "Succeeded");
    String content = contentName(snapshot);
    assertThat(cluster.get(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, content)).isPresent();

    cluster.delete(VIRTUAL_MACHINE_SNAPSHOT, ns, "brief-snap");

    await()
        .atMost(PATIENCE)
        .until(() -> cluster.get(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, content).isEmpty());
  }

  @Test
  void statusesTheSimulatorWritesSurviveTheSchemasUnpruned() {
    cluster.create(KubeVirtManifests.vm(ns, "kept", "Always"));
    cluster.create(KubeVirtManifests.snapshot(ns, "kept-snap", "kept"));

    ObjectNode vm = awaitStatus(VIRTUAL_MACHINE, "kept", "/status/printableStatus", "Running");
    ObjectNode dataVolume = awaitStatus(DATA_VOLUME, "kept-root", "/status/phase", "Succeeded");
    ObjectNode snapshot =
        awaitStatus(VIRTUAL_MACHINE_SNAPSHOT, "kept-snap", "/status/phase", "Succeeded");
    ObjectNode content =
        cluster.require(VIRTUAL_MACHINE_SNAPSHOT_CONTENT, ns, contentName(snapshot));

    // recomputing a status from the stored object gives it back: nothing the simulator writes is
    // pruned (else it would rewrite it on every event, for ever)
    assertThat(VmStatuses.running(vm)).isEqualTo(vm.get("status"));
    assertThat(DataVolumeStatuses.succeeded(dataVolume)).isEqualTo(dataVolume.get("status"));
    String created = snapshot.at("/status/creationTime").asText();
    assertThat(SnapshotStatuses.succeeded(snapshot, content, created))
        .isEqualTo(snapshot.get("status"));
    assertThat(SnapshotStatuses.contentReady(content, content.at("/status/creationTime").asText()))
        .isEqualTo(content.get("status"));
  }

  @Test
  void sampleVmsComeUpAsTheirRunStrategySays() throws Exception {
    for (File file : new File("examples/vms").listFiles((dir, name) -> name.endsWith(".yaml"))) {
      try (InputStream in = new FileInputStream(file)) {
        for (HasMetadata item : cluster.client().load(in).items()) {
          item.getMetadata().setNamespace(ns);
          cluster.client().resource(item).create();
        }
      }
    }

    awaitStatus(VIRTUAL_MACHINE, "fedora", "/status/printableStatus", "Running");
    awaitStatus(VIRTUAL_MACHINE, "cirros", "/status/printableStatus", "Stopped");
    awaitStatus(DATA_VOLUME, "fedora-rootdisk", "/status/phase", "Succeeded");
    ObjectNode scratch = awaitStatus(DATA_VOLUME, "cirros-scratch", "/status/phase", "Succeeded");
    assertThat(scratch.at("/status/progress").asText()).isEqualTo("100.0%");
  }

  private static void restartSimulator(SimulatorSettings settings) {
    simulator.close();
    simulator = simulator(settings);
  }

  /**
   * A merge patch: no resourceVersion, so the simulator's status writes cannot conflict with it.
   */
  private static void setRunStrategy(String vm, String strategy) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").put("runStrategy", strategy);
    cluster.mergePatch(VIRTUAL_MACHINE, ns, vm, patch);
  }

  private static ObjectNode awaitStatus(
      KubeVirtKind kind, String name, String pointer, String value) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> cluster.get(kind, ns, name).orElse(null),
            object -> object != null && value.equals(object.at(pointer).asText()));
  }

  private static JsonNode condition(JsonNode object, String type) {
    for (JsonNode condition : object.at("/status/conditions")) {
      if (type.equals(condition.path("type").asText())) {
        return condition;
      }
    }
    throw new AssertionError("no condition " + type + " in " + object.path("status"));
  }

  private static String contentName(JsonNode snapshot) {
    return "vmsnapshot-content-" + snapshot.at("/metadata/uid").asText();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** Records "phase progress" of each status the DataVolume of that name is written with. */
  private static Watch watchProgress(String name, List<String> seen) {
    return cluster
        .client()
        .genericKubernetesResources(DATA_VOLUME.context())
        .inNamespace(ns)
        .withName(name)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, GenericKubernetesResource resource) {
                Object status = resource.getAdditionalProperties().get("status");
                if (status instanceof Map<?, ?> map && map.get("phase") != null) {
                  String entry = map.get("phase") + " " + map.get("progress");
                  if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(entry)) {
                    seen.add(entry);
                  }
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static List<Double> percentsIn(List<String> seen, String phase) {
    return seen.stream()
        .filter(entry -> entry.startsWith(phase + " "))
        .map(entry -> DataVolumeStatuses.parse(entry.substring(phase.length() + 1)))
        .toList();
  }
}
