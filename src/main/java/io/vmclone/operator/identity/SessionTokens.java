package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.identity.RequesterIdentity.ServiceAccountRef;
import io.vmclone.operator.platform.VmPlatform;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Preserves a ServiceAccount requester's identity as a token from the TokenRequest API, for the API
 * server's audience ({@link TokenAudience}), living no longer than the caller asks, and kept only
 * in a Secret of the task, in the operator's own namespace ({@link IdentityScope}), where no
 * requester can read it. The Secret carries the task's label and the label {@value #SESSION_LABEL};
 * a Secret without the task's label is never read, filled or deleted. Idempotent: a Secret of the
 * task that already holds a token is adopted. Nothing here logs or returns the token except {@link
 * #read}, whose caller puts it into a client.
 */
@ApplicationScoped
public class SessionTokens {

  /** Marks the operator's token Secrets, so that the sweep finds them. */
  public static final String SESSION_LABEL = "vmclone.io/preserved-session";

  static final String TOKEN_KEY = "token";
  static final String EXPIRES_ANNOTATION = "vmclone.io/token-expires";

  private final KubernetesClient client;
  private final IdentityScope scope;
  private final TokenAudience audience;

  public SessionTokens(KubernetesClient client, IdentityScope scope, TokenAudience audience) {
    this.client = client;
    this.scope = scope;
    this.audience = audience;
  }

  /** The namespace the tokens are kept in: the operator's own. */
  public String namespace() {
    return scope.tokenNamespace();
  }

  /** The task's token Secret with a token in it, created now if needed. */
  public TokenGrant ensure(
      ServiceAccountRef account, String secretName, String taskId, Duration lifetime) {
    String namespace = namespace();
    Secret secret =
        secret(namespace, secretName).orElseGet(() -> createEmpty(namespace, secretName, taskId));
    if (!ownedBy(secret, taskId)) {
      throw new IllegalStateException(
          "Secret "
              + namespace
              + "/"
              + secretName
              + " exists and does not belong to task "
              + taskId);
    }
    if (secret.getData() != null && secret.getData().containsKey(TOKEN_KEY)) {
      return grant(secret);
    }
    TokenRequest issued =
        client
            .serviceAccounts()
            .inNamespace(account.namespace())
            .withName(account.name())
            .tokenRequest(request(lifetime));
    Instant expires = Instant.parse(issued.getStatus().getExpirationTimestamp());
    secret.setData(Map.of(TOKEN_KEY, base64(issued.getStatus().getToken())));
    secret.getMetadata().getAnnotations().put(EXPIRES_ANNOTATION, expires.toString());
    return grant(client.secrets().inNamespace(namespace).resource(secret).update());
  }

  /**
   * The token kept in the task's Secret, if the Secret is there, carries the task's label and holds
   * a token.
   */
  public Optional<String> read(String namespace, String secretName, String taskId) {
    return secret(namespace, secretName)
        .filter(secret -> ownedBy(secret, taskId))
        .map(Secret::getData)
        .map(data -> data.get(TOKEN_KEY))
        .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
  }

  /**
   * Deletes the task's token Secret in the operator's namespace, the only copy of the token (which
   * is not bound to it and lives on until it expires at the clone's deadline); gone already counts
   * as done. Throws when the API server refuses or fails.
   */
  public void delete(String secretName, String taskId) {
    String namespace = namespace();
    secret(namespace, secretName)
        .filter(secret -> ownedBy(secret, taskId))
        .ifPresent(s -> client.secrets().inNamespace(namespace).withName(secretName).delete());
  }

  /** The task ids of the token Secrets in the operator's namespace, by Secret name. */
  public Map<String, String> kept() {
    return client
        .secrets()
        .inNamespace(namespace())
        .withLabel(SESSION_LABEL)
        .list()
        .getItems()
        .stream()
        .filter(s -> s.getMetadata().getLabels().containsKey(VmPlatform.TASK_LABEL))
        .collect(
            Collectors.toMap(
                s -> s.getMetadata().getName(),
                s -> s.getMetadata().getLabels().get(VmPlatform.TASK_LABEL)));
  }

  private static boolean ownedBy(Secret secret, String taskId) {
    Map<String, String> labels = secret.getMetadata().getLabels();
    return labels != null && taskId.equals(labels.get(VmPlatform.TASK_LABEL));
  }

  private Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  private Secret createEmpty(String namespace, String name, String taskId) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(VmPlatform.TASK_LABEL, taskId)
            .addToLabels(SESSION_LABEL, "token")
            .addToAnnotations(EXPIRES_ANNOTATION, "")
            .endMetadata()
            .withType("Opaque")
            .build();
    return client.secrets().inNamespace(namespace).resource(secret).create();
  }

  /**
   * Not bound to the Secret: kube-apiserver looks a bound object up in the ServiceAccount's
   * namespace (404 for a Secret in the operator's), and binding it to an object there would need
   * Secret writes in the requesters' namespaces. The lifetime (the clone's deadline) bounds it.
   */
  private TokenRequest request(Duration lifetime) {
    return new TokenRequestBuilder()
        .withNewSpec()
        .withAudiences(List.of(audience.value()))
        .withExpirationSeconds(lifetime.toSeconds())
        .endSpec()
        .build();
  }

  private static TokenGrant grant(Secret secret) {
    String expires = secret.getMetadata().getAnnotations().get(EXPIRES_ANNOTATION);
    return new TokenGrant(
        secret.getMetadata().getNamespace(),
        secret.getMetadata().getName(),
        expires == null || expires.isEmpty() ? null : Instant.parse(expires));
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }
}
