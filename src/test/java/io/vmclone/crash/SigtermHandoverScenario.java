package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Graceful handover: SIGTERM to the leader mid-copy; it hands its tasks and the Lease over, the
 * standby leads within seconds, and the clone succeeds without a restart. For comparison the new
 * leader is then killed ({@code kill -9}) mid-copy of a second clone: its successor waits out the
 * lease and the clone is restarted once.
 */
final class SigtermHandoverScenario implements Scenario {

  private final List<Duration> handovers;
  private final List<Duration> failovers;

  SigtermHandoverScenario(List<Duration> handovers, List<Duration> failovers) {
    this.handovers = handovers;
    this.failovers = failovers;
  }

  @Override
  public String name() {
    return "sigterm-handover";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.slowCopies(Duration.ofSeconds(6));
  }

  @Override
  public Verdict run(CaseRun run) {
    OperatorProcess first = Leadership.startPair(run, OperatorSettings.replica(MatrixCase.LEADER));
    OperatorProcess second = run.replicas().all().get(1);
    CloneRef handedOver = run.workload().add(Request.standard());
    run.awaitInAction(List.of(handedOver), "CopyDisks", Duration.ofSeconds(60));
    Instant terminated = Instant.now();
    first.terminate();
    Instant led = run.lease().awaitHolder(MatrixCase.STANDBY, Duration.ofSeconds(30));
    Duration handover = Duration.between(terminated, led);
    handovers.add(handover);
    int code = first.awaitExit(Duration.ofSeconds(60));
    run.awaitTerminal(List.of(handedOver), Duration.ofSeconds(120));
    run.replicas()
        .start(OperatorSettings.replica(MatrixCase.LEADER))
        .awaitStarted(Duration.ofSeconds(120));

    CloneRef killedUnder = run.workload().add(Request.standard());
    run.awaitInAction(List.of(killedUnder), "CopyDisks", Duration.ofSeconds(60));
    second.kill();
    second.awaitExit(Duration.ofSeconds(30));
    Interruption stop =
        Interruption.capture(
            "kill -9 of operator-2",
            run.journal(),
            List.of(handedOver, killedUnder),
            second.name());
    Instant took = run.lease().awaitHolder(MatrixCase.LEADER, Duration.ofSeconds(30));
    Duration failover = Duration.between(second.exitedAt(), took);
    failovers.add(failover);
    run.awaitTerminal(List.of(killedUnder), Duration.ofSeconds(120));

    List<CloneRef> clones = List.of(handedOver, killedUnder);
    List<String> problems = new ArrayList<>(run.check(clones, List.of(stop), true));
    if (!first.logContains("handover: ")) {
      problems.add("the SIGTERM'd leader logged no handover (exit " + code + ")");
    }
    return new Verdict(
        problems,
        run.restarts(clones),
        "SIGTERM handover "
            + Leadership.seconds(handover)
            + ", kill -9 failover "
            + Leadership.seconds(failover)
            + " (lease "
            + OperatorSettings.LEASE_DURATION
            + ")");
  }
}
