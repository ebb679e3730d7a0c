package io.vmclone.crash;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A case's leader Lease, as the API server has it. */
public final class LeaseProbe {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public LeaseProbe(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /** The current holder, if any replica holds the Lease. */
  public Optional<String> holder() {
    Lease lease = client.resources(Lease.class).inNamespace(namespace).withName(name).get();
    return Optional.ofNullable(lease)
        .map(l -> l.getSpec().getHolderIdentity())
        .filter(holder -> !holder.isBlank());
  }

  /** Waits until the replica holds the Lease; returns when the harness saw it. */
  public Instant awaitHolder(String replica, Duration limit) {
    Waits.until(
        replica + " to hold the leader Lease",
        limit,
        () -> holder().filter(replica::equals).isPresent());
    return Instant.now();
  }

  /**
   * Writes a Lease held by the replica, as a replica of that name that just died would have left
   * it: the replica takes it at once when it starts, while any other waits for it to expire. This
   * lets a case start its replicas together and still know which one leads.
   */
  public void reserveFor(String replica, Duration duration) {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    client
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(replica)
                .withLeaseDurationSeconds((int) duration.toSeconds())
                .withAcquireTime(now)
                .withRenewTime(now)
                .withLeaseTransitions(0)
                .endSpec()
                .build())
        .create();
  }
}
