package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.platform.TargetPlanning;
import io.vmclone.operator.platform.TargetRequest;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Asks the platform's {@link TargetPlanning} for a task's target VM manifest and the disk copies it
 * needs, with what the task says of the target. Pure: no I/O.
 */
@ApplicationScoped
public class TargetPlanner {

  private final TargetPlanning planning;

  public TargetPlanner(TargetPlanning planning) {
    this.planning = planning;
  }

  /** Builds the target from the source once, throwing the refusal a real build would throw. */
  public void dryRun(TaskContext context, ObjectNode sourceVm) {
    planning.dryRun(request(context), sourceVm);
  }

  /** The DataVolume spec that copies one backed-up volume. */
  public ObjectNode copySpec(String snapshotNamespace, VolumeBackup backup) {
    return planning.copySpec(snapshotNamespace, backup);
  }

  /** The target VM manifest, its volumes pointing at the copies of the backed-up volumes. */
  public ObjectNode build(
      TaskContext context,
      ObjectNode sourceVm,
      String snapshotNamespace,
      List<VolumeBackup> backups) {
    return planning.build(request(context), sourceVm, snapshotNamespace, backups);
  }

  /** The DataVolume that holds the copy of the volume, by the spec's volume name policy. */
  public String dataVolumeName(TaskContext context, String volume) {
    return ChildNames.dataVolumeName(
        context.spec().getVolumeNamePolicy(), context.cloneUid(), context.targetName(), volume);
  }

  private static TargetRequest request(TaskContext context) {
    return new TargetRequest(
        context.spec(),
        context.cloneUid(),
        context.taskId(),
        context.targetNamespace(),
        context.targetName(),
        defaultSerial(context.cloneUid()));
  }

  /** A serial that is new for every clone and the same for every attempt of one clone. */
  static String defaultSerial(String cloneUid) {
    return UUID.nameUUIDFromBytes(("vmclone-serial:" + cloneUid).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
