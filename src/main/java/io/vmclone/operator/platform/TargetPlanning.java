package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import java.util.List;

/**
 * The port that turns a clone's request and its source VM into the target VM manifest and the disk
 * copies it needs. Pure: no I/O, the same arguments always give the same result, and the source is
 * not changed.
 *
 * <p>Refusals are {@link PlatformException}s: {@code InvalidSpec} (the spec, or a patch, cannot
 * apply to this source) and {@code SourceNotCloneable} (the source keeps state a clone cannot
 * copy).
 */
public interface TargetPlanning {

  /** Builds the target from the source once, throwing the refusal a real build would throw. */
  void dryRun(TargetRequest target, ObjectNode sourceVm);

  /**
   * The DataVolume spec that copies one backed-up volume.
   *
   * @param snapshotNamespace the namespace of the backup's VolumeSnapshot (the source VM's)
   */
  ObjectNode copySpec(String snapshotNamespace, VolumeBackup backup);

  /** The target VM manifest, its volumes pointing at the copies of the backed-up volumes. */
  ObjectNode build(
      TargetRequest target,
      ObjectNode sourceVm,
      String snapshotNamespace,
      List<VolumeBackup> backups);
}
