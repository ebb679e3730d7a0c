package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.api.VolumeNamePolicy;
import org.junit.jupiter.api.Test;

class ChildNamesTest {

  private static final String UID = "3f9c2b7a-1d4e-4c8b-9a6f-0e1d2c3b4a59";

  @Test
  void derivesEveryNameFromTheCloneUid() {
    String key = ChildNames.key(UID);
    assertThat(key).matches("[0-9a-f]{12}").isEqualTo(ChildNames.key(UID));
    assertThat(ChildNames.snapshotName(UID)).isEqualTo("vmclone-" + key + "-snap");
    assertThat(ChildNames.dataVolumeName(UID, "RootDisk"))
        .isEqualTo("vmclone-" + key + "-rootdisk");
    assertThat(ChildNames.defaultTargetName("fedora", UID))
        .isEqualTo("fedora-clone-" + key.substring(0, 5));
    assertThat(ChildNames.sourceFinalizer(UID)).isEqualTo("vmclone.io/clone-" + UID);
  }

  @Test
  void clonesWhoseUidsShareAPrefixGetDifferentNames() {
    String first = "00000000-0000-0000-0000-000000000001";
    String second = "00000000-0000-0000-0000-000000000002";
    assertThat(ChildNames.snapshotName(first)).isNotEqualTo(ChildNames.snapshotName(second));
    assertThat(ChildNames.defaultTargetName("vm", first))
        .isNotEqualTo(ChildNames.defaultTargetName("vm", second));
  }

  @Test
  void shortensLongNamesToADnsLabelKeepingThemApart() {
    String longVolume = "a-very-long-volume-name-that-goes-on-and-on-and-on-";

    String first = ChildNames.dataVolumeName(UID, longVolume + "one");
    String second = ChildNames.dataVolumeName(UID, longVolume + "two");

    assertThat(first).hasSizeLessThanOrEqualTo(63).doesNotContain("--");
    assertThat(second).hasSizeLessThanOrEqualTo(63);
    assertThat(first).isNotEqualTo(second);
    assertThat(ChildNames.dataVolumeName(UID, longVolume + "one")).isEqualTo(first);
  }

  @Test
  void prefixTargetNameNamesTheCopiesAfterTheTargetAndFitsLongNames() {
    assertThat(
            ChildNames.dataVolumeName(
                VolumeNamePolicy.PrefixTargetName, UID, "fedora-copy", "RootDisk"))
        .isEqualTo("fedora-copy-rootdisk");
    assertThat(ChildNames.dataVolumeName(VolumeNamePolicy.RandomizeNames, UID, "t", "RootDisk"))
        .isEqualTo(ChildNames.dataVolumeName(UID, "RootDisk"));
    assertThat(ChildNames.dataVolumeName(null, UID, "t", "RootDisk"))
        .isEqualTo(ChildNames.dataVolumeName(UID, "RootDisk"));
    String longName =
        ChildNames.dataVolumeName(
            VolumeNamePolicy.PrefixTargetName, UID, "t".repeat(60), "rootdisk");
    assertThat(longName).hasSizeLessThanOrEqualTo(63).startsWith("ttt");
  }
}
