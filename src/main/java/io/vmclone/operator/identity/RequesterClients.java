package io.vmclone.operator.identity;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Clients that act as a clone's requester against the same API server as the operator: one that
 * authenticates with the requester's preserved token (so RBAC, admission and the audit log see the
 * requester), or one that impersonates a person's user name. Groups are not impersonated: the chart
 * grants impersonation of users only, so that the operator can never act as a member of {@code
 * system:masters} (a person's rights through their groups are not used; such a clone fails with
 * Forbidden rather than acting beyond what the operator may prove). The caller closes them.
 */
@ApplicationScoped
public class RequesterClients {

  private final KubernetesClient operator;

  public RequesterClients(KubernetesClient operator) {
    this.operator = operator;
  }

  public KubernetesClient withToken(String token) {
    Config config =
        new ConfigBuilder(base())
            .withOauthToken(token)
            .withOauthTokenProvider(null)
            .withUsername(null)
            .withPassword(null)
            .withClientCertData(null)
            .withClientCertFile(null)
            .withClientKeyData(null)
            .withClientKeyFile(null)
            .withAutoOAuthToken(null)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public KubernetesClient impersonating(RequesterIdentity requester) {
    Config config =
        new ConfigBuilder(base())
            .withImpersonateUsername(requester.username())
            .withImpersonateGroups()
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private Config base() {
    return new ConfigBuilder(operator.getConfiguration()).build();
  }
}
