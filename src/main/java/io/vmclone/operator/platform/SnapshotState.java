package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a VirtualMachineSnapshot says about itself.
 *
 * @param phase where it is
 * @param message why it failed, or what it waits for
 * @param ours whether it is provably the task's ({@link Ownership}; only such snapshots are ever
 *     used as the clone's temporary snapshot or deleted)
 * @param vm the VirtualMachine manifest as the snapshot recorded it (when READY)
 * @param volumes one entry per backed-up volume (when READY)
 */
public record SnapshotState(
    Phase phase, String message, boolean ours, ObjectNode vm, List<VolumeBackup> volumes) {

  /** Lifecycle of a snapshot as the operator sees it. */
  public enum Phase {
    IN_PROGRESS,
    READY,
    FAILED
  }

  /**
   * One volume of the snapshot.
   *
   * @param volumeName the VM's volume name
   * @param volumeSnapshotName the VolumeSnapshot holding its point-in-time copy
   * @param storage the storage request of the original claim (e.g. {"resources":{"requests":
   *     {"storage":"10Gi"}}}), empty if unknown
   */
  public record VolumeBackup(String volumeName, String volumeSnapshotName, ObjectNode storage) {}
}
