package io.vmclone.sandbox.identity;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.ClusterSeeder;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Keeps the API server's ServiceAccounts in step with the policy: creates those the policy names
 * (and their namespaces), and deletes those it created that the policy no longer names, which
 * revokes their tokens. ServiceAccounts created any other way are left alone.
 */
final class ServiceAccountSync {

  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String SANDBOX_POLICY = "vmclone-sandbox-policy";

  private static final Logger LOG = Logger.getLogger(ServiceAccountSync.class.getName());

  private final KubernetesClient client;

  ServiceAccountSync(KubernetesClient client) {
    this.client = client;
  }

  void apply(Policy policy) {
    ClusterSeeder seeder = ClusterSeeder.forMock(client);
    for (PolicyServiceAccount account : policy.serviceAccounts()) {
      var existing =
          client.serviceAccounts().inNamespace(account.namespace()).withName(account.name());
      if (existing.get() == null) {
        seeder.ensureNamespace(account.namespace());
        existing.create(serviceAccount(account));
        LOG.info("created ServiceAccount " + account.reference());
      }
    }
    Set<String> named =
        policy.serviceAccounts().stream()
            .map(PolicyServiceAccount::reference)
            .collect(Collectors.toSet());
    for (ServiceAccount object :
        client
            .serviceAccounts()
            .inAnyNamespace()
            .withLabel(MANAGED_BY, SANDBOX_POLICY)
            .list()
            .getItems()) {
      String reference = object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
      if (!named.contains(reference)) {
        client.resource(object).delete();
        LOG.info("deleted ServiceAccount " + reference + ": it left the policy");
      }
    }
  }

  private static ServiceAccount serviceAccount(PolicyServiceAccount account) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(account.name())
        .withNamespace(account.namespace())
        .addToLabels(MANAGED_BY, SANDBOX_POLICY)
        .endMetadata()
        .build();
  }
}
