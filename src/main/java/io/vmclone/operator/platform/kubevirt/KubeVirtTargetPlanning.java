package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.platform.TargetPlanning;
import io.vmclone.operator.platform.TargetRequest;
import io.vmclone.operator.spec.ChildNames;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TargetPlanning} for KubeVirt VirtualMachines copied through CDI DataVolumes: {@link
 * TargetVmBuilder} builds the target, {@link DiskCopies} plans the copies.
 */
@ApplicationScoped
public class KubeVirtTargetPlanning implements TargetPlanning {

  @Override
  public void dryRun(TargetRequest target, ObjectNode sourceVm) {
    Cloneability.requireCloneable(sourceVm);
    Map<String, DiskCopy> copies = new LinkedHashMap<>();
    for (VolumeToCopy volume : VmVolumes.volumesToCopy(sourceVm)) {
      String name = volume.volumeName();
      copies.put(
          name,
          new DiskCopy(name, dataVolumeName(target, name), JsonNodeFactory.instance.objectNode()));
    }
    TargetVmBuilder.build(request(target, sourceVm, copies));
  }

  @Override
  public ObjectNode copySpec(String snapshotNamespace, VolumeBackup backup) {
    return DiskCopies.dataVolumeSpec(snapshotNamespace, backup);
  }

  @Override
  public ObjectNode build(
      TargetRequest target,
      ObjectNode sourceVm,
      String snapshotNamespace,
      List<VolumeBackup> backups) {
    Map<String, DiskCopy> copies =
        DiskCopies.plan(v -> dataVolumeName(target, v), snapshotNamespace, backups);
    return TargetVmBuilder.build(request(target, sourceVm, copies));
  }

  private static TargetVmRequest request(
      TargetRequest target, ObjectNode sourceVm, Map<String, DiskCopy> copies) {
    return new TargetVmRequest(
        sourceVm,
        target.spec(),
        target.targetNamespace(),
        target.targetName(),
        target.taskId(),
        target.defaultSerial(),
        copies);
  }

  private static String dataVolumeName(TargetRequest target, String volume) {
    return ChildNames.dataVolumeName(
        target.spec().getVolumeNamePolicy(), target.cloneUid(), target.targetName(), volume);
  }
}
