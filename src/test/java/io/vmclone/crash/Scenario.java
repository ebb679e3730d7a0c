package io.vmclone.crash;

import io.vmclone.simulator.SimulatorSettings;

/** A failure beyond a process halting at a crash point (issue 3, point 7), run as one case. */
interface Scenario extends CaseBody {

  /** The name given to {@code --scenario}. */
  String name();

  /** How fast the simulated KubeVirt works in it. */
  SimulatorSettings pace();
}
