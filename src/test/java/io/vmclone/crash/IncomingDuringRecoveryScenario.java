package io.vmclone.crash;

import io.vmclone.crash.JournalProbe.Tally;
import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.SourceVm;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Incoming work during recovery: with many clones mid-copy (200; 50 in the reduced run) the leader
 * is killed; as soon as the standby leads, a clone of another VM is applied. Its first journal
 * entry must be written before the recovery of the interrupted clones has finished (the last of
 * their RESTARTED entries): recovery does not hold new work up. Then everything must end as the
 * invariants say.
 */
final class IncomingDuringRecoveryScenario implements Scenario {

  private final int clones;
  private final Duration copy;

  IncomingDuringRecoveryScenario(Bench bench) {
    this.clones = bench.fullNumbers() ? 200 : 50;
    // Copies long enough that the last clone reaches its copy before the first one's is done: on
    // the real API server fifty take 10 s to get there on two quiet cores, 20 s and more on busy
    // ones.
    this.copy = bench.fullNumbers() ? Duration.ofSeconds(180) : Duration.ofSeconds(45);
  }

  @Override
  public String name() {
    return "incoming-during-recovery";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.many(copy);
  }

  @Override
  public Verdict run(CaseRun run) {
    Duration poll = Duration.ofSeconds(2);
    OperatorProcess leader =
        Leadership.startPair(
            run,
            OperatorSettings.replica(MatrixCase.LEADER).polling(poll),
            OperatorSettings.replica(MatrixCase.STANDBY).polling(poll));
    Request small = Request.standard().withVm(SourceVm.SMALL);
    List<CloneRef> interrupted = run.workload().add(Collections.nCopies(clones, small));
    run.awaitInAction(interrupted, "CopyDisks", copy.multipliedBy(2).dividedBy(3));
    leader.kill();
    leader.awaitExit(Duration.ofSeconds(30));
    Interruption stop =
        Interruption.capture(
            "kill -9 of the leader", run.journal(), interrupted, MatrixCase.LEADER);
    Instant led = run.lease().awaitHolder(MatrixCase.STANDBY, Duration.ofSeconds(30));
    CloneRef newcomer = run.workload().add(small);
    Instant started =
        Waits.value(
            "the new clone's first journal entry",
            Duration.ofSeconds(120),
            () -> run.journal().firstEntry(newcomer).orElse(null));
    Tally recovered =
        Waits.value(
            "the recovery of every interrupted clone",
            Duration.ofSeconds(180),
            () -> {
              Tally tally = run.journal().tally(interrupted, "RESTARTED");
              return tally.tasks() == stop.interrupted() ? tally : null;
            });
    OperatorProcess successor = run.replicas().all().get(1);
    Instant scanned =
        Waits.value(
            "the new leader's recovery scan",
            Duration.ofSeconds(120),
            () -> successor.loggedAt("recovery scan: ").orElse(null));
    Instant finished = scanned.isAfter(recovered.latest()) ? scanned : recovered.latest();
    run.awaitTerminal(run.workload().all(), copy.plusSeconds(180));
    List<String> problems = new ArrayList<>(run.check(run.workload().all(), List.of(stop), true));
    if (stop.interrupted() != clones) {
      problems.add(stop.interrupted() + " of " + clones + " clones were mid-workflow at the kill");
    }
    if (!started.isBefore(finished)) {
      problems.add("the new clone's first entry came after the recovery had finished");
    }
    return new Verdict(
        problems,
        run.restarts(run.workload().all()),
        String.format(
            "%d clones recovered; from the standby's lead: new clone's first entry %s, last"
                + " RESTARTED %s, recovery scan done %s",
            stop.interrupted(),
            Leadership.seconds(Duration.between(led, started)),
            Leadership.seconds(Duration.between(led, recovered.latest())),
            Leadership.seconds(Duration.between(led, scanned))));
  }
}
