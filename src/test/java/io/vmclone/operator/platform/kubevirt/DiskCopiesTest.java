package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.VmFixtures.storage;
import static io.vmclone.operator.platform.kubevirt.VmFixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.spec.ChildNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskCopiesTest {

  private static final String UID = "3f9c2b7a-1d4e-4c8b-9a6f-0e1d2c3b4a59";

  @Test
  void buildsTheDataVolumeSpecFromTheVolumeSnapshot() {
    VolumeBackup backup =
        new VolumeBackup("rootdisk", "vmsnapshot-abc-volume-rootdisk", storage("30Gi"));

    ObjectNode spec = DiskCopies.dataVolumeSpec("vms", backup);

    assertThat(spec)
        .isEqualTo(
            yaml(
                """
                source:
                  snapshot: {namespace: vms, name: vmsnapshot-abc-volume-rootdisk}
                storage:
                  resources: {requests: {storage: 30Gi}}
                """));
  }

  @Test
  void leavesTheStorageToCdiWhenTheBackupKnowsNone() {
    ObjectNode spec = DiskCopies.dataVolumeSpec("vms", new VolumeBackup("data", "snap-data", null));

    assertThat(spec.get("storage")).isEqualTo(yaml("{}"));
  }

  @Test
  void doesNotShareTheStorageObjectOfTheBackup() {
    ObjectNode storage = storage("1Gi");

    ObjectNode spec =
        DiskCopies.dataVolumeSpec("vms", new VolumeBackup("data", "snap-data", storage));
    storage.put("storageClassName", "changed");

    assertThat(spec.get("storage").has("storageClassName")).isFalse();
  }

  @Test
  void plansOneCopyPerVolumeNamedAfterTheClone() {
    Map<String, DiskCopy> copies =
        DiskCopies.plan(
            v -> ChildNames.dataVolumeName(UID, v),
            "vms",
            List.of(
                new VolumeBackup("rootdisk", "snap-root", storage("30Gi")),
                new VolumeBackup("data", "snap-data", storage("100Gi"))));

    assertThat(copies.keySet()).containsExactly("rootdisk", "data");
    assertThat(copies.get("data").dataVolumeName()).isEqualTo("vmclone-3bdfcff58ae0-data");
    assertThat(copies.get("data").volumeName()).isEqualTo("data");
    assertThat(copies.get("data").dataVolumeSpec().at("/source/snapshot/name").asText())
        .isEqualTo("snap-data");
  }

  @Test
  void refusesTwoVolumesThatWouldShareOneDataVolume() {
    PlatformException refusal =
        catchThrowableOfType(
            PlatformException.class,
            () ->
                DiskCopies.plan(
                    v -> ChildNames.dataVolumeName(UID, v),
                    "vms",
                    List.of(
                        new VolumeBackup("Data", "snap-1", null),
                        new VolumeBackup("data", "snap-2", null))));

    assertThat(refusal.reason()).isEqualTo("SourceNotCloneable");
    assertThat(refusal.getMessage())
        .isEqualTo("volumes Data and data would both be copied to vmclone-3bdfcff58ae0-data");
  }
}
