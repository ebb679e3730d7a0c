package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.SourceVm;
import io.vmclone.operator.api.RunStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the crash matrix: operator-1, armed with the crash point, leads and operator-2 stands
 * by; three clones are applied (one started as a running VM, one plain, one that may not be
 * restarted at all: policy.maxRestarts 0); operator-1 halts at the point; operator-2 takes the
 * Lease and operator-1 comes back unarmed as the new standby; every clone must end as the restart
 * policy says, with every invariant holding.
 */
final class MatrixCase implements CaseBody {

  static final String LEADER = "operator-1";
  static final String STANDBY = "operator-2";

  private final CrashPoint point;
  private final List<Duration> failovers;

  MatrixCase(CrashPoint point, List<Duration> failovers) {
    this.point = point;
    this.failovers = failovers;
  }

  static List<Request> requests() {
    return List.of(
        Request.standard().withRunStrategy(RunStrategy.Always),
        Request.standard(),
        Request.standard().withVm(SourceVm.SMALL).withMaxRestarts(0));
  }

  @Override
  public Verdict run(CaseRun run) {
    LeaseProbe lease = run.lease();
    OperatorProcess leader =
        Leadership.startPair(run, OperatorSettings.replica(LEADER).armed(point));
    List<CloneRef> clones = run.workload().add(requests());
    Interruption stop = Leadership.awaitHalt(run, leader, point, clones);
    Instant took = lease.awaitHolder(STANDBY, Duration.ofSeconds(30));
    Duration failover = Duration.between(leader.exitedAt(), took);
    failovers.add(failover);
    run.replicas().start(OperatorSettings.replica(LEADER));
    run.awaitTerminal(clones, Duration.ofSeconds(120));
    List<String> problems = new ArrayList<>(run.check(clones, List.of(stop), true));
    problems.addAll(sanity(stop));
    return new Verdict(
        problems,
        run.restarts(clones),
        "failover " + Leadership.seconds(failover) + "; at the halt " + summary(stop, clones));
  }

  /** The halt must have caught what the point names, or the case proved nothing. */
  private List<String> sanity(Interruption stop) {
    if (point.isAfterCommit()) {
      return stop.committed() >= 1
          ? List.of()
          : List.of("halted after a commit, yet no journal was COMMITTED: " + stop);
    }
    return stop.interrupted() >= 1
        ? List.of()
        : List.of("halted at " + point + ", yet no journal was running: " + stop);
  }

  private static String summary(Interruption stop, List<CloneRef> clones) {
    List<String> states = new ArrayList<>();
    for (CloneRef clone : clones) {
      states.add(stop.of(clone).name().toLowerCase());
    }
    return String.join(",", states);
  }
}
