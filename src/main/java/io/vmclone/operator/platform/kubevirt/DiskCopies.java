package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The CDI DataVolumes ({@code cdi.kubevirt.io/v1beta1}) that hold the copies of a VM's disks, each
 * filled from the VolumeSnapshot of one volume. CDI picks how (CSI clone, smart clone or
 * host-assisted copy); a snapshot in another namespace needs CDI's cross-namespace authorization.
 */
final class DiskCopies {

  private DiskCopies() {}

  /**
   * The spec of the DataVolume copying one volume: {@code {"source": {"snapshot": {"namespace": ns,
   * "name": <volumeSnapshotName>}}, "storage": <the backup's storage, or {}>}}.
   *
   * @param snapshotNamespace the namespace of the VolumeSnapshot (the source VM's)
   */
  static ObjectNode dataVolumeSpec(String snapshotNamespace, VolumeBackup backup) {
    ObjectNode spec = JsonNodeFactory.instance.objectNode();
    ObjectNode snapshot = spec.putObject("source").putObject("snapshot");
    snapshot.put("namespace", snapshotNamespace);
    snapshot.put("name", backup.volumeSnapshotName());
    ObjectNode storage = backup.storage();
    spec.set("storage", storage == null ? spec.objectNode() : storage.deepCopy());
    return spec;
  }

  /**
   * One copy per backed-up volume, by volume name, in the snapshot's order, named by {@code
   * dataVolumeName}.
   *
   * @throws io.vmclone.operator.platform.PlatformException ({@code SourceNotCloneable}) if two
   *     volumes would get one DataVolume name
   */
  static Map<String, DiskCopy> plan(
      UnaryOperator<String> dataVolumeName, String snapshotNamespace, List<VolumeBackup> backups) {
    Map<String, DiskCopy> copies = new LinkedHashMap<>();
    Map<String, String> volumeByDataVolume = new LinkedHashMap<>();
    for (VolumeBackup backup : backups) {
      String name = dataVolumeName.apply(backup.volumeName());
      String other = volumeByDataVolume.putIfAbsent(name, backup.volumeName());
      if (other != null) {
        throw Refusals.sourceNotCloneable(
            "volumes "
                + other
                + " and "
                + backup.volumeName()
                + " would both be copied to "
                + name);
      }
      copies.put(
          backup.volumeName(),
          new DiskCopy(backup.volumeName(), name, dataVolumeSpec(snapshotNamespace, backup)));
    }
    return copies;
  }
}
