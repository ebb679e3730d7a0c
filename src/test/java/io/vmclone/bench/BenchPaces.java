package io.vmclone.bench;

import io.vmclone.simulator.SimulatorSettings;
import java.time.Duration;

/** How fast the simulated KubeVirt works in the benchmark. */
final class BenchPaces {

  private BenchPaces() {}

  /** No delays: snapshots ready, copies done and VMs running as soon as the simulator looks. */
  static SimulatorSettings zero() {
    return new SimulatorSettings(
        Duration.ZERO, Duration.ZERO, Duration.ofMillis(10), Duration.ZERO, null, null);
  }

  /**
   * Snapshots at once, copies that take the given time with their progress written rarely, so that
   * a thousand clones wait mid-copy without keeping the API server busy with progress writes.
   */
  static SimulatorSettings longCopies(Duration copy) {
    return new SimulatorSettings(
        Duration.ZERO, copy, Duration.ofSeconds(30), Duration.ZERO, null, null);
  }
}
