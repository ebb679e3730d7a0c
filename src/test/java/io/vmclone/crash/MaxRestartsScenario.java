package io.vmclone.crash;

import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.SourceVm;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A clone with policy.maxRestarts 1 interrupted twice: operator-1 halts at its first disk copy,
 * operator-2 recovers the clone (restart 1) and halts when its copy is done, operator-1 (back as
 * the standby) leads again and must fail the clone MaxRestartsExceeded and undo it completely. A
 * clone beside it with the default policy goes through the same two interruptions and succeeds
 * after two restarts.
 */
final class MaxRestartsScenario implements Scenario {

  private static final CrashPoint FIRST = CrashPoint.of("before-side-effect", "CopyDisks");
  private static final CrashPoint SECOND = CrashPoint.of("after-done", "CopyDisks");

  @Override
  public String name() {
    return "max-restarts";
  }

  @Override
  public SimulatorSettings pace() {
    return Paces.matrix();
  }

  @Override
  public Verdict run(CaseRun run) {
    OperatorProcess first =
        Leadership.startPair(
            run,
            OperatorSettings.replica(MatrixCase.LEADER).armed(FIRST),
            OperatorSettings.replica(MatrixCase.STANDBY).armed(SECOND));
    OperatorProcess second = run.replicas().all().get(1);
    List<CloneRef> clones =
        run.workload()
            .add(
                List.of(
                    Request.standard().withMaxRestarts(1),
                    Request.standard().withVm(SourceVm.SMALL)));
    Interruption stop1 = Leadership.awaitHalt(run, first, FIRST, clones);
    run.lease().awaitHolder(MatrixCase.STANDBY, Duration.ofSeconds(30));
    // Not waiting for operator-1 to start: operator-2 may halt first, and its journal must be read
    // before operator-1 can take over (it waits out the lease).
    run.replicas().start(OperatorSettings.replica(MatrixCase.LEADER));
    Interruption stop2 = Leadership.awaitHalt(run, second, SECOND, clones);
    run.lease().awaitHolder(MatrixCase.LEADER, Duration.ofSeconds(30));
    run.replicas().start(OperatorSettings.replica(MatrixCase.STANDBY));
    run.awaitTerminal(clones, Duration.ofSeconds(120));
    List<Interruption> stops = List.of(stop1, stop2);
    List<String> problems = new ArrayList<>(run.check(clones, stops, true));
    Expectation limited = Expectation.of(clones.get(0), stops, true);
    if (limited.phase() != ClonePhase.Failed
        || !Expectation.MAX_RESTARTS_EXCEEDED.equals(limited.reason())) {
      problems.add(
          "the halts did not interrupt the maxRestarts=1 clone twice: " + stop1 + "; " + stop2);
    }
    return new Verdict(problems, run.restarts(clones), "ends " + run.outcomes(clones));
  }
}
