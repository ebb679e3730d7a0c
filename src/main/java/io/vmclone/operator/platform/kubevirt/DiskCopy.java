package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The copy of one volume of the source VM.
 *
 * @param volumeName the VM's volume name
 * @param dataVolumeName the DataVolume holding the copy (see {@code ChildNames.dataVolumeName})
 * @param dataVolumeSpec that DataVolume's spec (see {@link DiskCopies#dataVolumeSpec})
 */
record DiskCopy(String volumeName, String dataVolumeName, ObjectNode dataVolumeSpec) {}
