package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.Requester;
import io.vmclone.crash.Workload.SourceVm;
import io.vmclone.operator.api.RunStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the crash matrix: operator-1, armed with the crash point, leads and operator-2 stands
 * by; three clones are applied; operator-1 halts at the point; operator-2 takes the Lease and
 * operator-1 comes back unarmed as the new standby; every clone must end as the restart policy says
 * ({@link Expectation}), with every invariant holding.
 *
 * <p>The first clone, asked for by a person, copies one disk and starts its target (a real
 * PowerOn); the second, asked for by a ServiceAccount (whose token is revived on recovery), copies
 * two disks; one of them usually reaches the point first and goes through recovery there. The
 * third, applied once the first two have begun, may not be restarted at all (policy.maxRestarts 0):
 * it fails MaxRestartsExceeded when the halt catches it mid-workflow, and starts afresh when the
 * halt came before it was opened.
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

  static List<Request> restartable() {
    return List.of(
        Request.standard().withVm(SourceVm.SMALL).withRunStrategy(RunStrategy.Always),
        Request.standard().by(Requester.CI_BOT));
  }

  @Override
  public Verdict run(CaseRun run) {
    LeaseProbe lease = run.lease();
    OperatorProcess leader =
        Leadership.startPair(run, OperatorSettings.replica(LEADER).armed(point));
    List<CloneRef> clones = new ArrayList<>(run.workload().add(restartable()));
    Waits.until(
        "the first clones' first journal entries (or the halt)",
        Duration.ofSeconds(60),
        () ->
            !leader.isAlive()
                || clones.stream().allMatch(c -> run.journal().firstEntry(c).isPresent()));
    clones.add(run.workload().add(Request.standard().withMaxRestarts(0)));
    Interruption stop = Leadership.awaitHalt(run, leader, point, clones);
    Instant took = lease.awaitHolder(STANDBY, Duration.ofSeconds(30));
    Duration failover = Duration.between(leader.exitedAt(), took);
    failovers.add(failover);
    run.replicas().start(OperatorSettings.replica(LEADER));
    run.awaitTerminal(clones, Duration.ofSeconds(120));
    List<String> problems = new ArrayList<>(run.check(clones, List.of(stop), true));
    List<String> hit = hitBy(stop, clones);
    if (hit.isEmpty()) {
      problems.add("no clone's journal stood where " + point + " is: " + stop);
    }
    return new Verdict(
        problems,
        run.restarts(clones),
        "hit by "
            + String.join("/", hit)
            + "; failover "
            + Leadership.seconds(failover)
            + "; at the halt "
            + summary(stop, clones)
            + "; ends "
            + run.outcomes(clones));
  }

  /**
   * The clones whose journal, at the halt, ended where the point is: after a STARTED entry of the
   * action (before or after its side effect), after its DONE entry, or after the commit. At least
   * one must, or the case proved nothing.
   */
  private List<String> hitBy(Interruption stop, List<CloneRef> clones) {
    String last =
        switch (point.kind()) {
          case CrashPoint.AFTER_COMMIT -> "Commit COMMITTED";
          case "after-done" -> point.action() + " DONE";
          default -> point.action() + " STARTED";
        };
    return clones.stream()
        .filter(clone -> stop.lastEntry(clone).equals(last))
        .map(CloneRef::name)
        .toList();
  }

  private static String summary(Interruption stop, List<CloneRef> clones) {
    List<String> states = new ArrayList<>();
    for (CloneRef clone : clones) {
      states.add(stop.of(clone).name().toLowerCase());
    }
    return String.join(",", states);
  }
}
