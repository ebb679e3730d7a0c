package io.vmclone.operator.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The name of this operator replica: its leader-election identity and the reporting instance of its
 * events. Kubernetes gives a pod its name in HOSTNAME; the sandbox sets VMCLONE_REPLICA_NAME.
 */
@ApplicationScoped
public class ReplicaIdentity {

  private final String name;

  public ReplicaIdentity(OperatorConfig config) {
    this.name =
        config
            .leaderElection()
            .identity()
            .or(() -> env("VMCLONE_REPLICA_NAME"))
            .or(() -> env("HOSTNAME"))
            .orElseGet(() -> UUID.randomUUID().toString());
  }

  public String name() {
    return name;
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
  }
}
