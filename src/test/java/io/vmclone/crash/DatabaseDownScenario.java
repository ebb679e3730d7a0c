package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL stops mid-copy for a while (30 s; 12 s in the reduced run) and comes back on the same
 * port and data directory. Meanwhile both replicas must report readiness DOWN and the leader must
 * stay; afterwards readiness comes back and every clone succeeds without a restart (nothing
 * interrupted it) and with nothing lost.
 */
final class DatabaseDownScenario implements Scenario {

  private static final int HTTP_OK = 200;
  private static final int HTTP_UNAVAILABLE = 503;

  private final Bench bench;
  private final Duration outage;

  DatabaseDownScenario(Bench bench) {
    this.bench = bench;
    this.outage = bench.fullNumbers() ? Duration.ofSeconds(30) : Duration.ofSeconds(12);
  }

  @Override
  public String name() {
    return "database-down";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.slowCopies(outage.plusSeconds(6));
  }

  @Override
  public Verdict run(CaseRun run) {
    OperatorProcess leader = Leadership.startPair(run, OperatorSettings.replica(MatrixCase.LEADER));
    OperatorProcess standby = run.replicas().all().get(1);
    List<CloneRef> clones = run.workload().add(List.of(Request.standard(), Request.standard()));
    run.awaitInAction(clones, "CopyDisks", Duration.ofSeconds(60));
    List<String> problems = new ArrayList<>();
    Instant stopped = Instant.now();
    bench.postgres().stop();
    try {
      Waits.until(
          "readiness DOWN on both replicas",
          Duration.ofSeconds(30),
          () -> leader.readiness() == HTTP_UNAVAILABLE && standby.readiness() == HTTP_UNAVAILABLE);
      Duration down = Duration.between(stopped, Instant.now());
      problems.addAll(holdOutage(leader, standby, stopped));
      bench.postgres().start();
      Instant restarted = Instant.now();
      Waits.until(
          "readiness UP on the leader",
          Duration.ofSeconds(60),
          () -> leader.readiness() == HTTP_OK);
      Duration up = Duration.between(restarted, Instant.now());
      run.awaitTerminal(clones, Duration.ofSeconds(120));
      problems.addAll(run.check(clones, List.of(), true));
      if (!leader.isAlive() || !run.lease().holder().orElse("").equals(leader.name())) {
        problems.add("the leader did not stay through the outage");
      }
      return new Verdict(
          problems,
          run.restarts(clones),
          "PostgreSQL down "
              + Leadership.seconds(Duration.between(stopped, restarted))
              + "; readiness DOWN after "
              + Leadership.seconds(down)
              + ", UP "
              + Leadership.seconds(up)
              + " after the restart");
    } finally {
      bench.postgres().start();
    }
  }

  /** Waits out the outage, checking every second that readiness stays DOWN and the leader stays. */
  private List<String> holdOutage(
      OperatorProcess leader, OperatorProcess standby, Instant stopped) {
    List<String> problems = new ArrayList<>();
    Instant end = stopped.plus(outage);
    while (Instant.now().isBefore(end)) {
      int leaderReady = leader.readiness();
      int standbyReady = standby.readiness();
      if (leaderReady != HTTP_UNAVAILABLE || standbyReady != HTTP_UNAVAILABLE) {
        problems.add(
            "readiness "
                + leaderReady
                + "/"
                + standbyReady
                + " while PostgreSQL was down, expected 503");
        break;
      }
      Waits.sleep(1000);
    }
    return problems;
  }
}
