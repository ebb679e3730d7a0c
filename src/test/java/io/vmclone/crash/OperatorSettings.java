package io.vmclone.crash;

import io.vmclone.testing.OperatorInstall;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one operator process is started: its replica name and the settings the harness varies.
 *
 * @param name the replica name (VMCLONE_REPLICA_NAME), its leader-election identity
 * @param crashPoint the armed crash point, or null for none
 * @param crashHit which time reaching the crash point halts the process
 * @param continuousEnabled vmclone.continuous.enabled
 * @param pollRunning how often a running step is looked at (vmclone.polling.running)
 * @param overrides further environment variables, set last (the benchmark's lease timings)
 */
public record OperatorSettings(
    String name,
    CrashPoint crashPoint,
    int crashHit,
    boolean continuousEnabled,
    Duration pollRunning,
    Map<String, String> overrides) {

  /** The lease timings of every case: short, so that a failover takes seconds. */
  public static final String LEASE_DURATION = "4s";

  public static final String RENEW_DEADLINE = "3s";
  public static final String RETRY_PERIOD = "1s";

  public static OperatorSettings replica(String name) {
    return new OperatorSettings(name, null, 1, true, Duration.ofMillis(300), Map.of());
  }

  public OperatorSettings armed(CrashPoint point) {
    return armed(point, 1);
  }

  public OperatorSettings armed(CrashPoint point, int hit) {
    return new OperatorSettings(name, point, hit, continuousEnabled, pollRunning, overrides);
  }

  public OperatorSettings continuous(boolean enabled) {
    return new OperatorSettings(name, crashPoint, crashHit, enabled, pollRunning, overrides);
  }

  public OperatorSettings polling(Duration interval) {
    return new OperatorSettings(name, crashPoint, crashHit, continuousEnabled, interval, overrides);
  }

  /** These settings with further environment variables (later ones win). */
  public OperatorSettings with(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.putAll(more);
    return new OperatorSettings(name, crashPoint, crashHit, continuousEnabled, pollRunning, all);
  }

  /**
   * The environment of the process, on top of the cluster's and database's settings: as the chart's
   * ServiceAccount, watching only the case's namespace, leading over the case's Lease, serving the
   * webhooks over HTTPS on the replica's port and health and metrics on {@code managementPort},
   * keeping preserved tokens in the operator's namespace and serving the ServiceAccounts of the
   * case's namespace.
   */
  public Map<String, String> environment(Cluster cluster, int managementPort) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    env.put("QUARKUS_OPERATOR_SDK_CONTROLLERS_VIRTUALMACHINECLONE_NAMESPACES", cluster.namespace());
    env.put("VMCLONE_LEADER_ELECTION_LEASE_NAME", cluster.leaseName());
    env.put("VMCLONE_LEADER_ELECTION_LEASE_NAMESPACE", OperatorInstall.NAMESPACE);
    env.put("VMCLONE_IDENTITY_OPERATOR_NAMESPACE", OperatorInstall.NAMESPACE);
    env.put("VMCLONE_IDENTITY_SERVICE_ACCOUNT_NAMESPACES", cluster.namespace());
    env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(cluster.webhookPort(name)));
    env.put(
        "QUARKUS_HTTP_SSL_CERTIFICATE_FILES", cluster.webhookTls().resolve("tls.crt").toString());
    env.put(
        "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_FILES",
        cluster.webhookTls().resolve("tls.key").toString());
    env.put("VMCLONE_DB_URL", cluster.database().jdbcUrl());
    env.put("VMCLONE_DB_USER", cluster.database().user());
    env.put("VMCLONE_DB_PASSWORD", "");
    env.put("VMCLONE_REPLICA_NAME", name);
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
    env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
    env.put("VMCLONE_LEADER_ELECTION_LEASE_DURATION", LEASE_DURATION);
    env.put("VMCLONE_LEADER_ELECTION_RENEW_DEADLINE", RENEW_DEADLINE);
    env.put("VMCLONE_LEADER_ELECTION_RETRY_PERIOD", RETRY_PERIOD);
    env.put("VMCLONE_CONTINUOUS_ENABLED", Boolean.toString(continuousEnabled));
    env.put("VMCLONE_POLLING_RUNNING", pollRunning.toMillis() + "ms");
    if (crashPoint != null) {
      env.put("VMCLONE_CRASH_POINT", crashPoint.value());
      env.put("VMCLONE_CRASH_HIT", Integer.toString(crashHit));
    }
    env.putAll(overrides);
    return env;
  }
}
