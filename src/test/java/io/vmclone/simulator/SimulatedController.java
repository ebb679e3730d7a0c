package io.vmclone.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.KubeVirtKind;

/**
 * One simulated controller for one kind. Its methods run on the simulator's single worker thread,
 * and must be idempotent: an informer replays ADDED for everything after a reconnect, and a
 * periodic resync repeats the last state.
 */
interface SimulatedController {

  /** The kind this controller watches. */
  KubeVirtKind kind();

  /** The object was added or changed (or replayed). */
  void upserted(ObjectNode object);

  /** The object is gone. */
  void deleted(ObjectNode object);
}
