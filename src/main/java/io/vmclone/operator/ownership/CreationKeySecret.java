package io.vmclone.operator.ownership;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.config.OperatorNamespace;
import io.vmclone.operator.workflow.CreationKeySource;
import io.vmclone.operator.workflow.CreationKeyUnavailableException;
import io.vmclone.operator.workflow.CreationKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The creation master key, kept in a Secret of the operator's namespace ({@code
 * vmclone.ownership.key-secret}) that only the operator and the cluster's administrators may read.
 * The first replica that finds it missing creates it, immutable, with 256 random bits; a replica
 * that loses that race reads the winner's. Loaded once per process (at start, and again on first
 * use if that failed); the key never reaches a log line, an event, a CR or the database.
 *
 * <p>Not part of the Helm release on purpose: {@code helm uninstall} keeps it, like the journal
 * database, so the objects of clones in flight stay provable across a reinstall.
 */
@ApplicationScoped
public class CreationKeySecret implements CreationKeySource {

  static final String DATA_KEY = "key";

  private static final Logger LOG = Logger.getLogger(CreationKeySecret.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesClient client;
  private final Optional<String> namespace;
  private final String name;
  private volatile CreationKeys keys;

  @Inject
  public CreationKeySecret(KubernetesClient client, OperatorConfig config) {
    this(client, OperatorNamespace.of(config), config.ownership().keySecret());
  }

  CreationKeySecret(KubernetesClient client, Optional<String> namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      keys();
    } catch (RuntimeException e) {
      LOG.warnf("%s; clones wait until it can be read", e.getMessage());
    }
  }

  @Override
  public CreationKeys keys() {
    CreationKeys loaded = keys;
    if (loaded == null) {
      synchronized (this) {
        loaded = keys;
        if (loaded == null) {
          loaded = new CreationKeys(readOrCreate());
          keys = loaded;
        }
      }
    }
    return loaded;
  }

  private byte[] readOrCreate() {
    String ns =
        namespace.orElseThrow(
            () ->
                new CreationKeyUnavailableException(
                    "the operator's namespace is not known or is kube-system, so it has nowhere to"
                        + " keep its creation key (vmclone.identity.operator-namespace or"
                        + " POD_NAMESPACE)",
                    null));
    try {
      Secret secret = client.secrets().inNamespace(ns).withName(name).get();
      if (secret == null) {
        secret = create(ns);
      }
      return masterKey(secret, ns);
    } catch (KubernetesClientException e) {
      throw new CreationKeyUnavailableException(
          "the creation key Secret "
              + ns
              + "/"
              + name
              + " cannot be read or created (HTTP "
              + e.getCode()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private Secret create(String ns) {
    byte[] key = new byte[CreationKeys.MIN_MASTER_BYTES];
    RANDOM.nextBytes(key);
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .addToLabels("app.kubernetes.io/managed-by", "vmclone-operator")
            .endMetadata()
            .withType("Opaque")
            .withImmutable(true)
            .withData(Map.of(DATA_KEY, Base64.getEncoder().encodeToString(key)))
            .build();
    try {
      Secret created = client.secrets().inNamespace(ns).resource(secret).create();
      LOG.infof("created the creation key Secret %s/%s", ns, name);
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // Another replica created it first: use theirs, so that every replica marks alike.
      return client.secrets().inNamespace(ns).withName(name).get();
    }
  }

  private byte[] masterKey(Secret secret, String ns) {
    String encoded =
        secret == null || secret.getData() == null ? null : secret.getData().get(DATA_KEY);
    byte[] key;
    try {
      key = encoded == null ? new byte[0] : Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length < CreationKeys.MIN_MASTER_BYTES) {
      // Never replaced: a new key would make the objects of clones in flight unprovable.
      throw new CreationKeyUnavailableException(
          "the creation key Secret "
              + ns
              + "/"
              + name
              + " has no key '"
              + DATA_KEY
              + "' of at least "
              + CreationKeys.MIN_MASTER_BYTES
              + " bytes; an administrator must fix or delete it",
          null);
    }
    return key;
  }
}
