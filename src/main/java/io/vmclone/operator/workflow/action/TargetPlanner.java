package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.platform.kubevirt.Cloneability;
import io.vmclone.operator.platform.kubevirt.DiskCopies;
import io.vmclone.operator.platform.kubevirt.DiskCopy;
import io.vmclone.operator.platform.kubevirt.TargetVmBuilder;
import io.vmclone.operator.platform.kubevirt.TargetVmRequest;
import io.vmclone.operator.platform.kubevirt.VmVolumes;
import io.vmclone.operator.platform.kubevirt.VolumeToCopy;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a clone's spec and its source VM into the target VM manifest and the disk copies it needs.
 * Pure: no I/O.
 */
@ApplicationScoped
public class TargetPlanner {

  private final ObjectMapper mapper;

  public TargetPlanner(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Builds the target from the source once, throwing the refusal a real build would throw. */
  public void dryRun(TaskContext context, ObjectNode sourceVm) {
    Cloneability.requireCloneable(sourceVm);
    Map<String, DiskCopy> copies = new LinkedHashMap<>();
    for (VolumeToCopy volume : VmVolumes.volumesToCopy(sourceVm)) {
      String name = volume.volumeName();
      copies.put(
          name, new DiskCopy(name, dataVolumeName(context, name), mapper.createObjectNode()));
    }
    TargetVmBuilder.build(request(context, sourceVm, copies));
  }

  /** The DataVolume spec that copies one backed-up volume. */
  public ObjectNode copySpec(String snapshotNamespace, VolumeBackup backup) {
    return DiskCopies.dataVolumeSpec(snapshotNamespace, backup);
  }

  /** The target VM manifest, its volumes pointing at the copies of the backed-up volumes. */
  public ObjectNode build(
      TaskContext context,
      ObjectNode sourceVm,
      String snapshotNamespace,
      List<VolumeBackup> backups) {
    Map<String, DiskCopy> copies = DiskCopies.plan(context.cloneUid(), snapshotNamespace, backups);
    return TargetVmBuilder.build(request(context, sourceVm, copies));
  }

  public String dataVolumeName(TaskContext context, String volume) {
    return ChildNames.dataVolumeName(context.cloneUid(), volume);
  }

  private TargetVmRequest request(
      TaskContext context, ObjectNode sourceVm, Map<String, DiskCopy> copies) {
    return new TargetVmRequest(
        sourceVm,
        context.spec(),
        context.targetNamespace(),
        context.targetName(),
        context.taskId(),
        defaultSerial(context.cloneUid()),
        copies);
  }

  /** A serial that is new for every clone and the same for every attempt of one clone. */
  static String defaultSerial(String cloneUid) {
    return UUID.nameUUIDFromBytes(("vmclone-serial:" + cloneUid).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
