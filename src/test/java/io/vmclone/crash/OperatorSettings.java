package io.vmclone.crash;

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
 */
record OperatorSettings(
    String name,
    CrashPoint crashPoint,
    int crashHit,
    boolean continuousEnabled,
    Duration pollRunning) {

  /** The lease timings of every case: short, so that a failover takes seconds. */
  static final String LEASE_DURATION = "4s";

  static final String RENEW_DEADLINE = "3s";
  static final String RETRY_PERIOD = "1s";

  static OperatorSettings replica(String name) {
    return new OperatorSettings(name, null, 1, true, Duration.ofMillis(300));
  }

  OperatorSettings armed(CrashPoint point) {
    return armed(point, 1);
  }

  OperatorSettings armed(CrashPoint point, int hit) {
    return new OperatorSettings(name, point, hit, continuousEnabled, pollRunning);
  }

  OperatorSettings continuous(boolean enabled) {
    return new OperatorSettings(name, crashPoint, crashHit, enabled, pollRunning);
  }

  OperatorSettings polling(Duration interval) {
    return new OperatorSettings(name, crashPoint, crashHit, continuousEnabled, interval);
  }

  /** The environment of the process, on top of the cluster's and database's settings. */
  Map<String, String> environment(Cluster cluster, int httpPort) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("KUBECONFIG", cluster.kubeconfig().toString());
    env.put("VMCLONE_DB_URL", cluster.database().jdbcUrl());
    env.put("VMCLONE_DB_USER", cluster.database().user());
    env.put("VMCLONE_DB_PASSWORD", "");
    env.put("VMCLONE_REPLICA_NAME", name);
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    env.put("VMCLONE_LEADER_ELECTION_LEASE_DURATION", LEASE_DURATION);
    env.put("VMCLONE_LEADER_ELECTION_RENEW_DEADLINE", RENEW_DEADLINE);
    env.put("VMCLONE_LEADER_ELECTION_RETRY_PERIOD", RETRY_PERIOD);
    env.put("VMCLONE_CONTINUOUS_ENABLED", Boolean.toString(continuousEnabled));
    env.put("VMCLONE_POLLING_RUNNING", pollRunning.toMillis() + "ms");
    if (crashPoint != null) {
      env.put("VMCLONE_CRASH_POINT", crashPoint.value());
      env.put("VMCLONE_CRASH_HIT", Integer.toString(crashHit));
    }
    return env;
  }
}
