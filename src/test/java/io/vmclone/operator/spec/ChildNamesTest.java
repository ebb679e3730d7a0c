package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildNamesTest {

  private static final String UID = "3f9c2b7a-1d4e-4c8b-9a6f-0e1d2c3b4a59";

  @Test
  void derivesEveryNameFromTheCloneUid() {
    assertThat(ChildNames.uid8(UID)).isEqualTo("3f9c2b7a");
    assertThat(ChildNames.snapshotName(UID)).isEqualTo("vmclone-3f9c2b7a-snap");
    assertThat(ChildNames.dataVolumeName(UID, "RootDisk")).isEqualTo("vmclone-3f9c2b7a-rootdisk");
    assertThat(ChildNames.defaultTargetName("fedora", UID)).isEqualTo("fedora-clone-3f9c2");
    assertThat(ChildNames.sourceFinalizer(UID)).isEqualTo("vmclone.io/clone-" + UID);
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
}
