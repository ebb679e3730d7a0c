package io.vmclone.crash;

import java.time.Duration;
import java.util.List;

/** The scenarios by name, in the order {@code --all-scenarios} runs them. */
final class Scenarios {

  static final List<String> NAMES =
      List.of(
          "split-brain",
          "database-down",
          "api-errors",
          "max-restarts",
          "continuous-disabled",
          "incoming-during-recovery",
          "sigterm-handover");

  private Scenarios() {}

  /**
   * The scenario of that name; the SIGTERM handover adds its handover and failover times to the
   * given lists.
   */
  static Scenario create(
      String name, Bench bench, List<Duration> handovers, List<Duration> failovers) {
    return switch (name) {
      case "split-brain" -> new SplitBrainScenario();
      case "database-down" -> new DatabaseDownScenario(bench);
      case "api-errors" -> new ApiErrorsScenario();
      case "max-restarts" -> new MaxRestartsScenario();
      case "continuous-disabled" -> new ContinuousDisabledScenario();
      case "incoming-during-recovery" -> new IncomingDuringRecoveryScenario(bench);
      case "sigterm-handover" -> new SigtermHandoverScenario(handovers, failovers);
      default -> throw new IllegalArgumentException("unknown scenario " + name);
    };
  }
}
