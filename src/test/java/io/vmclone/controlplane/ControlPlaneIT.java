package io.vmclone.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.testing.TestControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher promises of the control plane it starts, checked against it. */
class ControlPlaneIT {

  private static ControlPlane plane;
  private static String namespace;

  @BeforeAll
  static void start() {
    plane = TestControlPlane.get();
    namespace = TestControlPlane.newNamespace("control-plane-it");
  }

  @Test
  void servesTheKubernetesVersionItWasBuiltFrom() {
    try (KubernetesClient admin = plane.client(User.ADMIN)) {
      assertThat(admin.getKubernetesVersion().getGitVersion()).isEqualTo("v1.37.2");
    }
  }

  @Test
  void authorizesWithRbacSoAPlainUserMayDoNothingByDefault() {
    try (KubernetesClient alice = plane.client("alice")) {
      assertThatThrownBy(() -> alice.configMaps().inNamespace(namespace).withName("anything").get())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      SelfSubjectAccessReview review =
          alice
              .authorization()
              .v1()
              .selfSubjectAccessReview()
              .create(
                  new SelfSubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withNewResourceAttributes()
                      .withNamespace(namespace)
                      .withVerb("create")
                      .withResource("configmaps")
                      .endResourceAttributes()
                      .endSpec()
                      .build());
      assertThat(review.getStatus().getAllowed()).isFalse();
    }
  }

  @Test
  void refusesAnUnknownToken() {
    try (KubernetesClient stranger =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(plane.config("not-a-token", namespace))
            .build()) {
      assertThatThrownBy(() -> stranger.configMaps().inNamespace(namespace).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }

  @Test
  void issuesServiceAccountTokensThatTokenReviewAccepts() {
    KubernetesClient admin = TestControlPlane.admin();
    admin
        .serviceAccounts()
        .inNamespace(namespace)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("robot").endMetadata().build())
        .create();
    String token = plane.serviceAccountToken(namespace, "robot", Duration.ofMinutes(10));

    TokenReview review =
        admin
            .resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build())
            .create();

    assertThat(review.getStatus().getAuthenticated()).isTrue();
    assertThat(review.getStatus().getUser().getUsername())
        .isEqualTo("system:serviceaccount:" + namespace + ":robot");
  }

  @Test
  void givesEveryNewNamespaceItsDefaultServiceAccount() {
    String fresh = TestControlPlane.newNamespace("sa-controller");
    assertThat(
            TestControlPlane.admin().serviceAccounts().inNamespace(fresh).withName("default").get())
        .isNotNull();
  }

  @Test
  void collectsTheGarbageOfADeletedOwner() {
    KubernetesClient admin = TestControlPlane.admin();
    ConfigMap owner =
        admin
            .configMaps()
            .inNamespace(namespace)
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build())
            .create();
    admin
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("dependent")
                .addNewOwnerReference()
                .withApiVersion("v1")
                .withKind("ConfigMap")
                .withName("owner")
                .withUid(owner.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();

    admin.configMaps().inNamespace(namespace).withName("owner").delete();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> admin.configMaps().inNamespace(namespace).withName("dependent").get() == null);
  }

  @Test
  void stopsEveryProcessItStartedAndDeletesItsFolder(@TempDir Path temp) throws Exception {
    Path folder = temp.resolve("second");
    ControlPlane second = ControlPlane.start(ControlPlane.Settings.in(folder), plane.binaries());
    List<ProcessHandle> servers =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains(folder.toString()))
            .toList();
    assertThat(servers).isNotEmpty();
    assertThat(second.isReady()).isTrue();

    second.close();

    assertThat(servers).noneMatch(ProcessHandle::isAlive);
    assertThat(Files.exists(folder)).isFalse();
  }
}
