package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SnapshotState.Phase;
import io.vmclone.testing.KubeVirtManifests;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How often a platform reads a ready snapshot's VirtualMachineSnapshotContent, on the real API
 * server: the operator's own platform once ({@link ReadyContents}), a platform acting as someone
 * else every time.
 */
class SnapshotContentReadsIT extends PlatformOnControlPlane {

  @Test
  void theOperatorsPlatformReadsAReadySnapshotsContentOnce() {
    readySnapshotOf("web");
    RequestLog log = new RequestLog();

    List<SnapshotState> states =
        readThrice(log, client -> new KubeVirtPlatform(client, cache), "snap", "web");

    assertThat(contentReads(log)).hasSize(1);
    assertThat(states.get(0).phase()).isEqualTo(Phase.READY);
    assertThat(states.get(0).vm().at("/metadata/name").asText()).isEqualTo("web");
    assertThat(states.get(1)).isEqualTo(states.get(0));
    assertThat(states.get(2)).isEqualTo(states.get(0));
  }

  @Test
  void aPlatformActingAsSomeoneElseReadsTheContentEveryTime() {
    readySnapshotOf("db");
    RequestLog log = new RequestLog();

    List<SnapshotState> states = readThrice(log, KubeVirtPlatform::new, "snap", "db");

    assertThat(contentReads(log)).hasSize(3);
    assertThat(states.get(1)).isEqualTo(states.get(0));
  }

  @Test
  void aUsersSnapshotMadeAgainUnderItsNameIsReadAfresh() {
    cluster.create(KubeVirtManifests.vm(ns, "first", "Halted"));
    cluster.create(KubeVirtManifests.vm(ns, "second", "Halted"));
    cluster.create(KubeVirtManifests.snapshot(ns, "nightly", "first"));
    assertThat(awaitReady("nightly").vm().at("/metadata/name").asText()).isEqualTo("first");

    cluster.delete(VIRTUAL_MACHINE_SNAPSHOT, ns, "nightly");
    await()
        .atMost(PATIENCE)
        .until(() -> cluster.get(VIRTUAL_MACHINE_SNAPSHOT, ns, "nightly").isEmpty());
    cluster.create(KubeVirtManifests.snapshot(ns, "nightly", "second"));

    assertThat(awaitReady("nightly").vm().at("/metadata/name").asText()).isEqualTo("second");
  }

  /** Our snapshot {@code snap} of a new halted VM, once it is ready. */
  private void readySnapshotOf(String vm) {
    cluster.create(KubeVirtManifests.vm(ns, vm, "Halted"));
    await()
        .atMost(PATIENCE)
        .until(() -> platform.ensureSnapshot(ns, "snap", vm, owner), s -> s.phase() == Phase.READY);
  }

  /**
   * The snapshot's state three times from a new platform on the logged client: read, read again and
   * ensured again (as SnapshotSource, CreateTarget and a repeated SnapshotSource ask for it).
   */
  private List<SnapshotState> readThrice(
      RequestLog log,
      Function<KubernetesClient, KubeVirtPlatform> platformFor,
      String snapshot,
      String vm) {
    List<SnapshotState> states = new ArrayList<>();
    try (KubernetesClient client = operatorClient(log)) {
      KubeVirtPlatform reader = platformFor.apply(client);
      states.add(reader.readSnapshot(ns, snapshot).orElseThrow());
      states.add(reader.readSnapshot(ns, snapshot).orElseThrow());
      states.add(reader.ensureSnapshot(ns, snapshot, vm, owner));
    }
    return states;
  }

  private SnapshotState awaitReady(String snapshot) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> platform.readSnapshot(ns, snapshot).orElse(null),
            s -> s != null && s.phase() == Phase.READY);
  }

  private static List<String> contentReads(RequestLog log) {
    return log.requests().stream()
        .filter(r -> r.startsWith("GET virtualmachinesnapshotcontents/"))
        .toList();
  }
}
