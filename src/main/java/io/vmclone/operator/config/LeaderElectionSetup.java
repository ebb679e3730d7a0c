package io.vmclone.operator.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Leader election between replicas over a Lease. QOSDK uses this bean in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by default). Gaining and
 * losing the lease become {@link LeadershipChange} events; JOSDK's own exit on losing it is off,
 * because the recovery package decides what a lost lease means (a crash, or the handover of a clean
 * shutdown).
 */
public class LeaderElectionSetup {

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(
      OperatorConfig config, ReplicaIdentity replica, Event<LeadershipChange> events) {
    OperatorConfig.LeaderElection settings = config.leaderElection();
    String namespace = leaseNamespace(settings);
    LeaderCallbacks callbacks =
        new LeaderCallbacks(
            () -> events.fire(new LeadershipChange(true, replica.name())),
            () -> events.fire(new LeadershipChange(false, replica.name())),
            newLeader -> {});
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
        .withLeaseNamespace(namespace)
        .withIdentity(replica.name())
        .withLeaseDuration(settings.leaseDuration())
        .withRenewDeadline(settings.renewDeadline())
        .withRetryPeriod(settings.retryPeriod())
        .withLeaderCallbacks(callbacks)
        // JOSDK only lets "tests" turn its System.exit on a lost lease off; we need it off in
        // production too, because a clean shutdown gives the lease up on purpose.
        .buildForTest(false);
  }

  /** The namespace of the Lease: configured, else the operator's own, else "default". */
  public static String leaseNamespace(OperatorConfig.LeaderElection settings) {
    return settings
        .leaseNamespace()
        .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
        .orElse("default");
  }
}
