package io.vmclone.simulator.webhook;

import static io.vmclone.testing.KubeVirtKind.DATA_VOLUME;
import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KubeVirt's and CDI's admission rules as the API server applies them through the simulator's
 * webhooks: requests by real users (alice, bob, a ServiceAccount) with real RBAC, judged by
 * SubjectAccessReviews the simulator asks the API server. The webhooks see only this class's two
 * namespaces: {@code source} holds the disks, {@code target} the new DataVolumes.
 */
class SimulatorWebhooksIT {

  private static String source;
  private static String target;
  private static KubeVirtObjects cluster;
  private static SimulatorWebhooks webhooks;

  @BeforeAll
  static void serveWebhooks() {
    cluster = KubeVirtObjects.asAdmin();
    source = TestControlPlane.newNamespace("webhooks-source");
    target = TestControlPlane.newNamespace("webhooks-target");
    for (String namespace : List.of(source, target)) {
      SimulatorWebhooks.label(cluster.client(), namespace, target);
    }
    // alice and bob may make DataVolumes in the target; only alice may clone from the source
    Requesters.grant(target, List.of("alice", "bob", Requesters.CI_BOT));
    Requesters.grant(source, List.of("alice"));
    webhooks =
        SimulatorWebhooks.start(TestControlPlane.get(), cluster.client())
            .register(
                cluster.client(),
                "kubevirt-simulator-" + target,
                SimulatorWebhooks.labelled(target));
    SimulatorWebhooks.awaitEffective(cluster.client(), target);
  }

  @AfterAll
  static void stopWebhooks() {
    webhooks.close();
    for (String namespace : List.of(source, target)) {
      cluster.client().namespaces().withName(namespace).delete();
    }
  }

  @Test
  void crossNamespaceDataVolumeOfAUserWithoutTheRightToCloneTheSourceIsRefused() {
    assertThatThrownBy(() -> createAs("bob", pvcClone("by-bob", source)))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains(
                      "datavolume-validator.cdi.kubevirt.io",
                      "User bob has insufficient permissions in clone source namespace " + source);
            });
    assertThat(cluster.get(DATA_VOLUME, target, "by-bob")).isEmpty();
  }

  @Test
  void crossNamespaceDataVolumeOfAUserWithTheRightIsCreated() {
    createAs("alice", pvcClone("by-alice", source));

    assertThat(cluster.require(DATA_VOLUME, target, "by-alice").at("/spec/source/pvc/namespace"))
        .hasToString('"' + source + '"');
  }

  @Test
  void snapshotSourcesInAnotherNamespaceAreJudgedLikeClaims() {
    ObjectNode fromSnapshot = KubeVirtManifests.dataVolume(target, "snap-by-bob", "1Gi");
    ((ObjectNode) fromSnapshot.at("/spec/source/snapshot")).put("namespace", source);

    assertThatThrownBy(() -> createAs("bob", fromSnapshot))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getMessage()).contains("insufficient permissions", "User bob"));
  }

  @Test
  void aServiceAccountIsJudgedAsItselfWithItsGroups() {
    String ciBot = Requesters.ciBotUser(target);
    assertThatThrownBy(() -> createAs(Requesters.CI_BOT, pvcClone("by-bot", source)))
        .hasMessageContaining("User " + ciBot + " has insufficient permissions");

    // every ServiceAccount of the target namespace, by group
    Requesters.grant(source, List.of("group:system:serviceaccounts:" + target));

    createAs(Requesters.CI_BOT, pvcClone("by-bot", source));
    assertThat(cluster.get(DATA_VOLUME, target, "by-bot")).isPresent();
  }

  @Test
  void sameNamespaceSourcesNeedNoCloneRight() {
    createAs("bob", pvcClone("local-by-bob", target));

    assertThat(cluster.get(DATA_VOLUME, target, "local-by-bob")).isPresent();
  }

  @Test
  void vmSettingBothRunningAndRunStrategyIsRefused() {
    ObjectNode both = KubeVirtManifests.vm(target, "both", "Always");
    both.withObjectProperty("spec").put("running", true);

    assertThatThrownBy(() -> cluster.create(both))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage())
                  .contains("virtualmachine-validator.kubevirt.io", "mutually exclusive");
            });
    assertThat(cluster.get(VIRTUAL_MACHINE, target, "both")).isEmpty();
  }

  @Test
  void updateThatAddsRunningToARunStrategyIsRefused() {
    cluster.create(KubeVirtManifests.vm(target, "halted", "Halted"));
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("spec").put("running", false);

    assertThatThrownBy(() -> cluster.mergePatch(VIRTUAL_MACHINE, target, "halted", patch))
        .hasMessageContaining("mutually exclusive");
    assertThat(cluster.require(VIRTUAL_MACHINE, target, "halted").at("/spec").has("running"))
        .isFalse();
  }

  private static ObjectNode pvcClone(String name, String claimNamespace) {
    ObjectNode dataVolume = KubeVirtManifests.dataVolume(target, name, "1Gi");
    ObjectNode source = (ObjectNode) dataVolume.at("/spec/source");
    source.removeAll();
    source.putObject("pvc").put("namespace", claimNamespace).put("name", "golden-disk");
    return dataVolume;
  }

  private static void createAs(String requester, ObjectNode object) {
    try (KubernetesClient client = Requesters.clientAs(requester, target)) {
      new KubeVirtObjects(client).create(object);
    }
  }
}
