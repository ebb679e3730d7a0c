package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link KubeVirtPlatform} makes of the real API server's refusals: RBAC's 403, the 422 of
 * KubeVirt's and CDI's admission webhooks and of the CRDs' schemas, and 409 conflicts, which it
 * retries (see {@link PlatformOnControlPlane}).
 */
class KubeVirtPlatformRefusalsIT extends PlatformOnControlPlane {

  @Test
  void forbiddenRequestsBecomePlatformExceptions() {
    ControlPlane plane = TestControlPlane.get();
    try (KubernetesClient bob = plane.client("bob")) {
      KubeVirtPlatform asBob = new KubeVirtPlatform(bob);

      assertThatThrownBy(() -> asBob.createVm(targetManifest("denied", taskId), owner))
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

    assertThatThrownBy(() -> platform.createVm(both, owner))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("AdmissionDenied");
              assertThat(e.getMessage())
                  .startsWith("create virtualmachines.kubevirt.io in " + ns + " denied: ")
                  .contains("virtualmachine-validator.kubevirt.io", "mutually exclusive");
            });
    assertThatThrownBy(() -> platform.createVm(shapeless, owner))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("Invalid");
              assertThat(e.getMessage()).contains("spec.template", "Required value");
            });
  }

  /**
   * The chart grants the operator no {@code datavolumes/source}: CDI refuses it a copy out of
   * another namespace, so it cannot copy any namespace's disks for whoever asks.
   */
  @Test
  void theOperatorIsRefusedACopyOfASnapshotInAnotherNamespace() {
    String sourceNs = newNamespace();

    assertThatThrownBy(() -> platform.ensureDiskCopy(crossNamespaceCopy(sourceNs, "by-operator")))
        .isInstanceOfSatisfying(
            PlatformException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("AdmissionDenied");
              assertThat(e.getMessage())
                  .contains(
                      "User " + OperatorInstall.USER,
                      "insufficient permissions in clone source namespace " + sourceNs);
            });
    assertThat(cluster.get(DATA_VOLUME, ns, "by-operator")).isEmpty();
  }

  @Test
  void aRequesterHoldingDatavolumesSourceInTheSourceNamespaceMayCopyFromIt() {
    String sourceNs = newNamespace();
    Requesters.grant(sourceNs, List.of("alice"));
    Requesters.grant(ns, List.of("alice"));
    DiskCopyRequest request = crossNamespaceCopy(sourceNs, "by-alice");

    DiskCopyState state;
    try (KubernetesClient alice = TestControlPlane.get().client("alice")) {
      KubeVirtPlatform asAlice = new KubeVirtPlatform(alice);
      state =
          await()
              .atMost(PATIENCE)
              .until(
                  () -> asAlice.ensureDiskCopy(request),
                  s -> s.phase() != DiskCopyState.Phase.IN_PROGRESS);
    }

    assertThat(state.phase()).isEqualTo(DiskCopyState.Phase.SUCCEEDED);
    assertThat(cluster.require(DATA_VOLUME, ns, "by-alice").at("/spec/source/snapshot/namespace"))
        .hasToString('"' + sourceNs + '"');
  }

  @Test
  void aRequesterWithoutDatavolumesSourceInTheSourceNamespaceIsRefused() {
    String sourceNs = newNamespace();
    Requesters.grant(ns, List.of("bob"));

    try (KubernetesClient bob = TestControlPlane.get().client("bob")) {
      assertThatThrownBy(
              () ->
                  new KubeVirtPlatform(bob).ensureDiskCopy(crossNamespaceCopy(sourceNs, "by-bob")))
          .isInstanceOfSatisfying(
              PlatformException.class,
              e -> {
                assertThat(e.reason()).isEqualTo("AdmissionDenied");
                assertThat(e.getMessage())
                    .contains(
                        "User bob",
                        "insufficient permissions in clone source namespace " + sourceNs);
              });
    }
    assertThat(cluster.get(DATA_VOLUME, ns, "by-bob")).isEmpty();
  }

  private DiskCopyRequest crossNamespaceCopy(String sourceNs, String name) {
    return new DiskCopyRequest(
        ns, name, owner, KubeVirtManifests.dataVolumeSpec(sourceNs, "vs-" + name, "5Gi"));
  }

  @Test
  void conflictingWritesAreRetried() {
    String uid = platform.createVm(targetManifest("contended", taskId), owner).uid();
    ConflictingWrites conflicts = new ConflictingWrites(cluster);
    try (KubernetesClient contended = operatorClient(conflicts)) {
      conflicts.arm(ns, "contended", KubeApi.MAX_CONFLICTS - 1);

      new KubeVirtPlatform(contended).setRunStrategy(ns, "contended", uid, RunStrategy.Always);
    }

    ObjectNode stored = cluster.require(VIRTUAL_MACHINE, ns, "contended");
    assertThat(stored.at("/spec/runStrategy").asText()).isEqualTo("Always");
    assertThat(stored.at("/metadata/annotations/test.vmclone.io~1concurrent-write").asText())
        .isEqualTo("0");
  }

  @Test
  void endlessConflictsSurfaceAsTheClientsException() {
    platform.createVm(targetManifest("hot", taskId), owner);
    ObjectRef ref = new ObjectRef("VirtualMachine", ns, "hot");
    ConflictingWrites conflicts = new ConflictingWrites(cluster);
    try (KubernetesClient contended = operatorClient(conflicts)) {
      conflicts.arm(ns, "hot", KubeApi.MAX_CONFLICTS);

      assertThatThrownBy(() -> new KubeVirtPlatform(contended).addFinalizer(ref, "vmclone.io/z"))
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }
    assertThat(finalizers("hot")).isEmpty();
  }
}
