package io.vmclone.crash;

import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;

/** How fast the simulated KubeVirt works in the harness's cases. */
final class Paces {

  private Paces() {}

  /** Copies fast but not instant: a clone takes a few seconds, so it can be caught mid-step. */
  static SimulatorSettings matrix() {
    return new SimulatorSettings(
        Duration.ofMillis(300),
        Duration.ofMillis(2500),
        Duration.ofMillis(250),
        Duration.ofMillis(300),
        null,
        null);
  }

  /** Copies that take a while, so that a scenario acts while clones are mid-copy. */
  static SimulatorSettings slowCopies(Duration copy) {
    return new SimulatorSettings(
        Duration.ofMillis(300), copy, Duration.ofMillis(500), Duration.ofMillis(300), null, null);
  }

  /**
   * For hundreds of clones at once: long copies whose progress is written rarely, so that the
   * simulator's single thread keeps up.
   */
  static SimulatorSettings many(Duration copy) {
    return new SimulatorSettings(
        Duration.ofMillis(500), copy, Duration.ofSeconds(3), Duration.ofMillis(300), null, null);
  }
}
