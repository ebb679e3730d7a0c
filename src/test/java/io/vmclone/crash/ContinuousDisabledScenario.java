package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Continuous operation disabled on both replicas: the clones the leader's halt interrupts end
 * Failed with reason Interrupted, fully undone; a clone applied afterwards still succeeds.
 */
final class ContinuousDisabledScenario implements Scenario {

  private static final CrashPoint POINT = CrashPoint.of("before-side-effect", "CopyDisks");

  @Override
  public String name() {
    return "continuous-disabled";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.matrix();
  }

  @Override
  public Verdict run(CaseRun run) {
    OperatorSettings leaderSettings =
        OperatorSettings.replica(MatrixCase.LEADER).continuous(false).armed(POINT);
    OperatorSettings standbySettings =
        OperatorSettings.replica(MatrixCase.STANDBY).continuous(false);
    OperatorProcess leader = Leadership.startPair(run, leaderSettings, standbySettings);
    List<CloneRef> clones = run.workload().add(List.of(Request.standard(), Request.standard()));
    Interruption stop = Leadership.awaitHalt(run, leader, POINT, clones);
    run.lease().awaitHolder(MatrixCase.STANDBY, Duration.ofSeconds(30));
    run.replicas().start(OperatorSettings.replica(MatrixCase.LEADER).continuous(false));
    run.awaitTerminal(clones, Duration.ofSeconds(120));
    CloneRef later = run.workload().add(Request.standard());
    run.awaitTerminal(List.of(later), Duration.ofSeconds(120));
    List<CloneRef> all = run.workload().all();
    List<String> problems = new ArrayList<>(run.check(all, List.of(stop), false));
    if (stop.interrupted() == 0) {
      problems.add("the halt interrupted no clone: " + stop);
    }
    return new Verdict(problems, run.restarts(all), "ends " + run.outcomes(all));
  }
}
