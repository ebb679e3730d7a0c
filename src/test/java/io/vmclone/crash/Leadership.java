package io.vmclone.crash;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The moves of a case around the leader: starting a leader and a standby, awaiting a halt. */
public final class Leadership {

  private Leadership() {}

  /**
   * Starts the leader and operator-2 together and returns the leader once it leads and both have
   * started. The Lease is reserved for the leader first (as its own earlier incarnation would have
   * left it), so the standby cannot take it.
   */
  public static OperatorProcess startPair(CaseRun run, OperatorSettings leaderSettings) {
    return startPair(run, leaderSettings, OperatorSettings.replica(MatrixCase.STANDBY));
  }

  public static OperatorProcess startPair(
      CaseRun run, OperatorSettings leaderSettings, OperatorSettings standbySettings) {
    run.lease().reserveFor(leaderSettings.name(), Duration.ofSeconds(60));
    List<OperatorProcess> started =
        run.replicas().startAll(List.of(leaderSettings, standbySettings));
    OperatorProcess leader = started.get(0);
    awaitLeading(leader);
    return leader;
  }

  /** Waits until the process says it leads (its leadership callback ran). */
  public static void awaitLeading(OperatorProcess process) {
    Waits.until(
        process.name() + " to lead",
        Duration.ofSeconds(60),
        () -> {
          if (!process.isAlive()) {
            throw new HarnessFailure(process.name() + " exited: " + process.tail(15));
          }
          return process.logContains(process.name() + " leads now");
        });
  }

  /**
   * Waits for the armed leader to halt at its crash point (exit code 137 and the operator's own
   * line), then reads where every clone's journal stood before another replica can write.
   */
  public static Interruption awaitHalt(
      CaseRun run, OperatorProcess leader, CrashPoint point, List<CloneRef> clones) {
    int code = leader.awaitExit(Duration.ofSeconds(120));
    String line = "crash point " + point.value() + " reached";
    if (code != 137 || !leader.logContains(line)) {
      throw new HarnessFailure(
          leader.name() + " exited with " + code + " without '" + line + "': " + leader.tail(10));
    }
    return Interruption.capture("halt at " + point, run.journal(), clones, leader.name());
  }

  public static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
  }
}
