package io.vmclone.bench;

import io.vmclone.crash.CaseRun;
import io.vmclone.crash.HarnessFailure;
import io.vmclone.crash.Leadership;
import io.vmclone.crash.OperatorProcess;
import io.vmclone.crash.OperatorSettings;
import io.vmclone.crash.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator replicas as the benchmark runs them: the project's own settings (the chart's lease
 * timings 15 s / 10 s / 1 s, the default polling), a User-Agent the request counter recognises, and
 * the crash harness's processes underneath.
 */
final class BenchOperators {

  static final String FIRST = "operator-1";
  static final String SECOND = "operator-2";
  static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  /** {@code vmclone.polling.running}'s default. */
  static final Duration DEFAULT_POLL_RUNNING = Duration.ofSeconds(10);

  /** The hidden switch of the benchmark's baseline: no Lease release on SIGTERM. */
  static final String RELEASE_ON_SHUTDOWN = "VMCLONE_LEADER_ELECTION_RELEASE_ON_SHUTDOWN";

  private BenchOperators() {}

  static OperatorSettings replica(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VMCLONE_LEADER_ELECTION_LEASE_DURATION", LEASE_DURATION.toSeconds() + "s");
    env.put("VMCLONE_LEADER_ELECTION_RENEW_DEADLINE", "10s");
    env.put("VMCLONE_LEADER_ELECTION_RETRY_PERIOD", "1s");
    env.put("KUBERNETES_USER_AGENT", RequestCounter.OPERATOR_AGENT);
    // As the image (src/main/docker/Dockerfile.jvm) sets it.
    env.put("MALLOC_ARENA_MAX", "2");
    // The recovery part keeps a thousand clones of one namespace active at once; the default
    // limit (200 per namespace, issue 11) would refuse most of them.
    env.put("VMCLONE_CLONE_MAX_ACTIVE_PER_NAMESPACE", "2000");
    // The operator's default polling (vmclone.polling.running 10 s, safety net 60 s), not the
    // crash harness's 300 ms, which earlier tables ran with although this page said otherwise.
    return OperatorSettings.replica(name).polling(DEFAULT_POLL_RUNNING).with(env);
  }

  /** One replica that leads at once (its Lease is reserved for it). */
  static OperatorProcess startLeader(CaseRun run, OperatorSettings settings) {
    run.lease().reserveFor(settings.name(), Duration.ofSeconds(60));
    OperatorProcess leader = run.replicas().start(settings);
    leader.awaitStarted(Duration.ofSeconds(120));
    Leadership.awaitLeading(leader);
    return leader;
  }

  /** The leader and a standby, started together; returns both, the leader first. */
  static List<OperatorProcess> startPair(
      CaseRun run, OperatorSettings leader, OperatorSettings standby) {
    OperatorProcess first = Leadership.startPair(run, leader, standby);
    return List.of(first, run.replicas().all().get(run.replicas().all().size() - 1));
  }

  /** Starts a replica and returns how long it took from the start to /q/health/ready UP. */
  static Duration startUntilReady(
      CaseRun run, OperatorSettings settings, List<OperatorProcess> out) {
    Instant start = Instant.now();
    OperatorProcess process = run.replicas().start(settings);
    out.add(process);
    Waits.until(
        settings.name() + " to be ready",
        Duration.ofSeconds(120),
        Duration.ofMillis(20),
        () -> {
          if (!process.isAlive()) {
            throw new HarnessFailure(settings.name() + " exited: " + process.tail(10));
          }
          return process.readiness() == 200;
        });
    return Duration.between(start, Instant.now());
  }

  /** When the process logged that it leads (the operator's clock, millisecond precision). */
  static Instant ledAt(OperatorProcess process) {
    return Waits.value(
        process.name() + "'s leadership line",
        Duration.ofSeconds(120),
        () -> process.loggedAt(process.name() + " leads now").orElse(null));
  }
}
