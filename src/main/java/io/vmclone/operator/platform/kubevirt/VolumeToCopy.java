package io.vmclone.operator.platform.kubevirt;

/**
 * A volume of the source VM whose disk the clone copies.
 *
 * @param volumeName the VM's volume name
 * @param backing what backs it
 * @param sourceName the PersistentVolumeClaim's or DataVolume's name (a DataVolume's claim has the
 *     same name)
 */
record VolumeToCopy(String volumeName, Backing backing, String sourceName) {

  /** The kinds of volume that hold a disk on a claim. */
  enum Backing {
    PERSISTENT_VOLUME_CLAIM("persistentVolumeClaim"),
    DATA_VOLUME("dataVolume");

    private final String field;

    Backing(String field) {
      this.field = field;
    }

    /** The volume's field in the manifest ({@code persistentVolumeClaim}, {@code dataVolume}). */
    String field() {
      return field;
    }
  }
}
