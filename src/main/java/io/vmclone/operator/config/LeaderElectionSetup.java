package io.vmclone.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Leader election between replicas. QOSDK uses this bean in the profiles listed in {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by default).
 */
public class LeaderElectionSetup {

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(OperatorConfig config, ReplicaIdentity replica) {
    OperatorConfig.LeaderElection settings = config.leaderElection();
    String namespace =
        settings
            .leaseNamespace()
            .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
            .orElse("default");
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
        .withLeaseNamespace(namespace)
        .withIdentity(replica.name())
        .withLeaseDuration(settings.leaseDuration())
        .withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod())
        .build();
  }
}
