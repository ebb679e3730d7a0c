package io.vmclone.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.sandbox.SandboxMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SubjectAccessReview, TokenRequest and TokenReview as the operator calls them: over HTTP with a
 * fabric8 client, against the sandbox's mock with the example policy. Expiry uses a hand-moved
 * clock.
 */
class IdentityApisIT {

  private static final String CI_BOT = "system:serviceaccount:default:ci-bot";

  @TempDir Path dir;
  private Path policyPath;
  private PolicyFile policy;
  private SandboxMockServer mock;
  private KubernetesClient client;
  private final TestClock clock = new TestClock();
  private final List<String> logLines = new ArrayList<>();
  private final Handler logCapture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logLines.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() throws IOException {
    Logger.getLogger("").addHandler(logCapture);
    policyPath = dir.resolve("rbac.yaml");
    Files.copy(PolicyTest.EXAMPLE, policyPath);
    policy = PolicyFile.load(policyPath);
    mock = SandboxMockServer.start(0);
    SandboxIdentity.install(mock, policy, clock);
    client = mock.client();
  }

  @AfterEach
  void stop() {
    Logger.getLogger("").removeHandler(logCapture);
    policy.close();
    mock.close();
  }

  @Test
  void subjectAccessReviewAnswersFromThePolicyWithAReason() {
    SubjectAccessReview allowed = review("alice", List.of("developers"), "default");
    SubjectAccessReview denied = review("alice", List.of("developers"), "restricted");
    SubjectAccessReview stranger = review("mallory", List.of(), "default");

    assertThat(allowed.getStatus().getAllowed()).isTrue();
    assertThat(allowed.getStatus().getReason()).contains("clone-in-default");
    assertThat(denied.getStatus().getAllowed()).isFalse();
    assertThat(denied.getStatus().getReason()).isEqualTo("no rule of the sandbox policy grants it");
    assertThat(stranger.getStatus().getAllowed()).isFalse();
  }

  @Test
  void theServiceAccountsOfThePolicyExistAndCrudStillWorks() {
    client
        .configMaps()
        .resource(
            new ConfigMapBuilder().withNewMetadata().withName("still-crud").endMetadata().build())
        .create();

    assertThat(client.serviceAccounts().inNamespace("default").withName("ci-bot").get())
        .isNotNull();
    assertThat(client.configMaps().withName("still-crud").get()).isNotNull();
  }

  @Test
  void aBoundTokenAuthenticatesAsTheServiceAccountUntilItsSecretGoes() {
    Secret secret = createSecret("clone-session");
    String token = requestToken(secret, 3600L).getStatus().getToken();

    TokenReviewStatus alive = reviewToken(token);
    client.resource(secret).delete();
    TokenReviewStatus orphaned = reviewToken(token);

    String saUid = client.serviceAccounts().withName("ci-bot").get().getMetadata().getUid();
    assertThat(alive.getAuthenticated()).isTrue();
    assertThat(alive.getUser().getUsername()).isEqualTo(CI_BOT);
    assertThat(alive.getUser().getUid()).isEqualTo(saUid);
    assertThat(alive.getUser().getGroups())
        .containsExactly(
            "system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated");
    assertThat(orphaned.getAuthenticated()).isFalse();
    assertThat(orphaned.getError()).isEqualTo("secrets \"clone-session\" not found");
  }

  @Test
  void aTokenExpiresAfterItsLifetime() {
    TokenRequest issued = requestToken(createSecret("s"), 1200L);
    String token = issued.getStatus().getToken();

    clock.advance(Duration.ofMinutes(19));
    boolean before = reviewToken(token).getAuthenticated();
    clock.advance(Duration.ofMinutes(1));
    TokenReviewStatus after = reviewToken(token);

    assertThat(issued.getStatus().getExpirationTimestamp()).isEqualTo("2026-01-01T10:20:00Z");
    assertThat(before).isTrue();
    assertThat(after.getAuthenticated()).isFalse();
    assertThat(after.getError()).isEqualTo("invalid bearer token: unknown or expired");
  }

  @Test
  void lifetimesBelowTenMinutesAreRefusedAndLongOnesCapped() {
    Secret secret = createSecret("s");

    TokenRequest capped = requestToken(secret, 7L * 24 * 3600);

    assertThat(capped.getSpec().getExpirationSeconds()).isEqualTo(24L * 3600);
    assertThatThrownBy(() -> requestToken(secret, 60L))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining("may not specify a duration less than 10 minutes");
  }

  @Test
  void removingTheServiceAccountFromThePolicyRevokesItsTokens() throws IOException {
    String token = requestToken(createSecret("s"), 3600L).getStatus().getToken();

    Files.writeString(
        policyPath,
        Files.readString(policyPath)
            .replaceAll("(?s)serviceAccounts:\\n  - namespace: default.*?context: ci-bot\\n", ""));
    Files.setLastModifiedTime(policyPath, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(policy.reloadIfChanged()).isTrue();
    TokenReviewStatus revoked = reviewToken(token);

    assertThat(revoked.getAuthenticated()).isFalse();
    assertThat(revoked.getError()).contains("default/ci-bot no longer exists");
    assertThat(client.serviceAccounts().withName("ci-bot").get()).isNull();
    assertThatThrownBy(() -> requestToken(createSecret("s2"), 3600L))
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
  }

  @Test
  void deletingTheServiceAccountObjectRevokesItsTokensAndARecreatedOneDoesNotInheritThem() {
    String token = requestToken(createSecret("s"), 3600L).getStatus().getToken();

    client.serviceAccounts().withName("ci-bot").delete();
    boolean afterDelete = reviewToken(token).getAuthenticated();
    client
        .serviceAccounts()
        .resource(
            new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata()
                .withName("ci-bot")
                .endMetadata()
                .build())
        .create();
    boolean afterRecreate = reviewToken(token).getAuthenticated();

    assertThat(afterDelete).isFalse();
    assertThat(afterRecreate).isFalse();
  }

  @Test
  void aTokenForOtherAudiencesIsNotAcceptedAndNoTokenIsEverLogged() {
    TokenRequest issued =
        client
            .serviceAccounts()
            .withName("ci-bot")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withAudiences("vmclone")
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build());
    String token = issued.getStatus().getToken();

    TokenReviewStatus forApiServer = reviewToken(token);
    TokenReviewStatus forVmclone =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(
                new TokenReviewBuilder()
                    .withNewSpec()
                    .withToken(token)
                    .withAudiences("vmclone")
                    .endSpec()
                    .build())
            .getStatus();

    assertThat(forApiServer.getAuthenticated()).isFalse();
    assertThat(forVmclone.getAuthenticated()).isTrue();
    assertThat(forVmclone.getAudiences()).containsExactly("vmclone");
    assertThat(logLines).noneMatch(line -> line != null && line.contains(token));
  }

  @Test
  void tokensForUnknownServiceAccountsAndUnknownBoundObjectsAreRefused() {
    assertThatThrownBy(
            () ->
                client
                    .serviceAccounts()
                    .withName("nobody")
                    .tokenRequest(new TokenRequestBuilder().withNewSpec().endSpec().build()))
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404));
    assertThatThrownBy(
            () ->
                requestToken(
                    new SecretBuilder()
                        .withNewMetadata()
                        .withName("never-made")
                        .endMetadata()
                        .build(),
                    3600L))
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(404))
        .hasMessageContaining("secrets \"never-made\" not found");
  }

  private SubjectAccessReview review(String user, List<String> groups, String namespace) {
    return client
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(user)
                .withGroups(groups)
                .withNewResourceAttributes()
                .withVerb("create")
                .withGroup("kubevirt.io")
                .withResource("virtualmachines")
                .withNamespace(namespace)
                .endResourceAttributes()
                .endSpec()
                .build());
  }

  private Secret createSecret(String name) {
    return client
        .secrets()
        .resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private TokenRequest requestToken(Secret boundTo, Long expirationSeconds) {
    return client
        .serviceAccounts()
        .withName("ci-bot")
        .tokenRequest(
            new TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(expirationSeconds)
                .withNewBoundObjectRef()
                .withApiVersion("v1")
                .withKind("Secret")
                .withName(boundTo.getMetadata().getName())
                .withUid(boundTo.getMetadata().getUid())
                .endBoundObjectRef()
                .endSpec()
                .build());
  }

  private TokenReviewStatus reviewToken(String token) {
    TokenReview review =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
    return review.getStatus();
  }
}
