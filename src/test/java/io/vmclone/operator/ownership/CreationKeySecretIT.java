package io.vmclone.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.operator.workflow.CreationKeyUnavailableException;
import io.vmclone.operator.workflow.CreationKeys;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The creation master key on the real API server, read and created as the operator's ServiceAccount
 * with exactly the chart's RBAC: every replica gets the same key, a broken Secret is never
 * replaced, and a namespace without the operator's rights is a clear error.
 */
class CreationKeySecretIT {

  private static final String NS = OperatorInstall.NAMESPACE;

  private static KubernetesClient operator;

  @BeforeAll
  static void asTheOperator() {
    TestControlPlane.installOperatorRbac();
    ControlPlane plane = TestControlPlane.get();
    operator =
        new KubernetesClientBuilder()
            .withConfig(plane.config(OperatorInstall.token(plane, Duration.ofHours(1)), NS))
            .build();
  }

  @AfterAll
  static void close() {
    operator.close();
  }

  @Test
  void theFirstReplicaCreatesAnImmutableKeyThatTheOthersRead() {
    String name = uniqueName();
    CreationKeys first = replica(name).keys();

    Secret stored = admin().secrets().inNamespace(NS).withName(name).get();
    assertThat(stored.getImmutable()).isTrue();
    assertThat(Base64.getDecoder().decode(stored.getData().get(CreationKeySecret.DATA_KEY)))
        .hasSize(CreationKeys.MIN_MASTER_BYTES);
    String task = UUID.randomUUID().toString();
    assertThat(replica(name).keys().key(task, "CopyDisks", "n"))
        .isEqualTo(first.key(task, "CopyDisks", "n"));
  }

  @Test
  void replicasStartingTogetherAgreeOnOneKey() throws Exception {
    String name = uniqueName();
    CountDownLatch go = new CountDownLatch(1);
    CompletableFuture<CreationKeys> one = loadAfter(go, replica(name));
    CompletableFuture<CreationKeys> two = loadAfter(go, replica(name));
    go.countDown();

    String task = UUID.randomUUID().toString();
    assertThat(one.get().key(task, "CopyDisks", "n"))
        .isEqualTo(two.get().key(task, "CopyDisks", "n"));
  }

  @Test
  void aSecretWithoutAUsableKeyIsReportedAndLeftAsItIs() {
    String name = uniqueName();
    admin()
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withData(Map.of("key", Base64.getEncoder().encodeToString(new byte[8])))
                .build())
        .create();

    assertThatThrownBy(() -> replica(name).keys())
        .isInstanceOf(CreationKeyUnavailableException.class)
        .hasMessageContaining(NS + "/" + name)
        .hasMessageContaining("at least 32 bytes");
    assertThat(admin().secrets().inNamespace(NS).withName(name).get().getData().get("key"))
        .isEqualTo(Base64.getEncoder().encodeToString(new byte[8]));
  }

  @Test
  void aNamespaceWhereTheOperatorMayNotKeepSecretsIsAClearError() {
    String elsewhere = TestControlPlane.newNamespace("creation-key");
    CreationKeySecret misplaced =
        new CreationKeySecret(operator, Optional.of(elsewhere), uniqueName());

    assertThatThrownBy(misplaced::keys)
        .isInstanceOf(CreationKeyUnavailableException.class)
        .hasMessageContaining("the creation key Secret " + elsewhere + "/")
        .hasMessageContaining("cannot be read or created (HTTP 403)");
    assertThat(admin().secrets().inNamespace(elsewhere).list().getItems()).isEmpty();
  }

  @Test
  void withoutANamespaceOfItsOwnThereIsNoKey() {
    assertThatThrownBy(() -> new CreationKeySecret(operator, Optional.empty(), "x").keys())
        .isInstanceOf(CreationKeyUnavailableException.class)
        .hasMessageContaining("vmclone.identity.operator-namespace or POD_NAMESPACE");
  }

  private static CreationKeySecret replica(String name) {
    return new CreationKeySecret(operator, Optional.of(NS), name);
  }

  private static CompletableFuture<CreationKeys> loadAfter(
      CountDownLatch go, CreationKeySecret replica) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return replica.keys();
        });
  }

  private static KubernetesClient admin() {
    return TestControlPlane.admin();
  }

  private static String uniqueName() {
    return "creation-key-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  }
}
