package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Split brain: the leader is frozen (SIGSTOP) mid-copy past its lease; the standby takes the Lease,
 * takes a new leadership epoch and recovers the clones; then the old leader is thawed (SIGCONT). It
 * must stop (exit 3 when a journal write finds itself fenced, or 1 when it notices the lost lease)
 * without one more journal entry accepted from it, and nothing may be duplicated.
 */
final class SplitBrainScenario implements Scenario {

  private static final Set<Integer> STOPPED_AS_DEPOSED = Set.of(1, 3);

  @Override
  public String name() {
    return "split-brain";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.slowCopies(Duration.ofSeconds(8));
  }

  @Override
  public Verdict run(CaseRun run) {
    OperatorProcess leader = Leadership.startPair(run, OperatorSettings.replica(MatrixCase.LEADER));
    List<CloneRef> clones = run.workload().add(List.of(Request.standard(), Request.standard()));
    run.awaitInAction(clones, "CopyDisks", Duration.ofSeconds(60));
    leader.pause();
    Instant frozen = Instant.now();
    Interruption stop =
        Interruption.capture("SIGSTOP of the leader", run.journal(), clones, MatrixCase.LEADER);
    List<UUID> writers = run.journal().incarnations();
    if (writers.size() != 1) {
      throw new HarnessFailure("expected one writing incarnation before the freeze: " + writers);
    }
    long acceptedBefore = run.journal().entriesBy(writers.get(0));
    Instant took = run.lease().awaitHolder(MatrixCase.STANDBY, Duration.ofSeconds(30));
    Waits.until(
        "operator-2 to take a new leadership epoch and restart the clones",
        Duration.ofSeconds(30),
        () ->
            run.journal().epochHolder().filter(MatrixCase.STANDBY::equals).isPresent()
                && run.journal().tally(clones, "RESTARTED").tasks() == stop.interrupted());
    leader.resume();
    int code = leader.awaitExit(Duration.ofSeconds(60));
    long acceptedAfter = run.journal().entriesBy(writers.get(0));
    run.awaitTerminal(clones, Duration.ofSeconds(120));
    List<String> problems = new ArrayList<>(run.check(clones, List.of(stop), true));
    if (!STOPPED_AS_DEPOSED.contains(code)) {
      problems.add("the thawed leader exited with " + code + ", expected 3 (fenced) or 1");
    }
    if (acceptedAfter != acceptedBefore) {
      problems.add(
          (acceptedAfter - acceptedBefore) + " journal entries of the deposed leader accepted");
    }
    return new Verdict(
        problems,
        run.restarts(clones),
        String.format(
            "operator-2 led %s after the freeze; thawed leader exited %d%s; %d entries accepted"
                + " from it after the freeze",
            Leadership.seconds(Duration.between(frozen, took)),
            code,
            leader.logContains("fenced: epoch") ? " (fenced)" : "",
            acceptedAfter - acceptedBefore));
  }
}
