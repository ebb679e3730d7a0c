package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a VirtualMachineSnapshot says about itself.
 *
 * @param phase where it is
 * @param message why it failed, or what it waits for
 * @param vm the VirtualMachine manifest as the snapshot recorded it (when READY)
 * @param volumes one entry per backed-up volume (when READY)
 */
public record SnapshotState(
    Phase phase, String message, ObjectNode vm, List<VolumeBackup> volumes) {

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
