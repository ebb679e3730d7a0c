package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.OwnerReference;
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

/**
 * Preserves a ServiceAccount requester's identity as a token from the TokenRequest API, bound to a
 * Secret of the task (so the token dies with the Secret) and kept only in that Secret. Idempotent:
 * a Secret of the task that already holds a token is adopted. Nothing here logs or returns the
 * token except {@link #read}, whose caller puts it into a client.
 */
@ApplicationScoped
public class SessionTokens {

  static final String TOKEN_KEY = "token";
  static final String EXPIRES_ANNOTATION = "vmclone.io/token-expires";

  private final KubernetesClient client;

  public SessionTokens(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The task's token Secret with a token in it, created now if needed.
   *
   * @param owner the clone, when it lives in the ServiceAccount's namespace (then Kubernetes
   *     deletes the Secret, and so invalidates the token, with the clone); null otherwise
   */
  public TokenGrant ensure(
      ServiceAccountRef account,
      String secretName,
      String taskId,
      OwnerReference owner,
      Duration lifetime) {
    Secret secret =
        secret(account.namespace(), secretName)
            .orElseGet(() -> createEmpty(account.namespace(), secretName, taskId, owner));
    if (!taskId.equals(secret.getMetadata().getLabels().get(VmPlatform.TASK_LABEL))) {
      throw new IllegalStateException(
          "Secret "
              + account.namespace()
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
            .tokenRequest(request(secret, lifetime));
    Instant expires = Instant.parse(issued.getStatus().getExpirationTimestamp());
    secret.setData(Map.of(TOKEN_KEY, base64(issued.getStatus().getToken())));
    secret.getMetadata().getAnnotations().put(EXPIRES_ANNOTATION, expires.toString());
    return grant(client.secrets().inNamespace(account.namespace()).resource(secret).update());
  }

  /** The token kept in the Secret, if the Secret and its token are still there. */
  public Optional<String> read(String namespace, String secretName) {
    return secret(namespace, secretName)
        .map(Secret::getData)
        .map(data -> data.get(TOKEN_KEY))
        .map(value -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
  }

  /** Deletes the task's token Secret (which invalidates the token bound to it). */
  public void delete(String namespace, String secretName, String taskId) {
    secret(namespace, secretName)
        .filter(s -> taskId.equals(s.getMetadata().getLabels().get(VmPlatform.TASK_LABEL)))
        .ifPresent(s -> client.secrets().inNamespace(namespace).withName(secretName).delete());
  }

  private Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  private Secret createEmpty(String namespace, String name, String taskId, OwnerReference owner) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(VmPlatform.TASK_LABEL, taskId)
            .addToAnnotations(EXPIRES_ANNOTATION, "")
            .withOwnerReferences(owner == null ? List.of() : List.of(owner))
            .endMetadata()
            .withType("Opaque")
            .build();
    return client.secrets().inNamespace(namespace).resource(secret).create();
  }

  private static TokenRequest request(Secret secret, Duration lifetime) {
    return new TokenRequestBuilder()
        .withNewSpec()
        .withExpirationSeconds(lifetime.toSeconds())
        .withNewBoundObjectRef()
        .withApiVersion("v1")
        .withKind("Secret")
        .withName(secret.getMetadata().getName())
        .withUid(secret.getMetadata().getUid())
        .endBoundObjectRef()
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
