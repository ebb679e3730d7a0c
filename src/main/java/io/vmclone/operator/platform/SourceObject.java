package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The object a clone reads from, as it is now.
 *
 * @param ref the object (a VirtualMachine or a VirtualMachineSnapshot)
 * @param uid its metadata.uid
 * @param labels its labels (used to tell our own objects from others)
 * @param vm the VirtualMachine manifest: the live VM, or for a snapshot source the VM as the
 *     snapshot recorded it ({@code null} while the snapshot is not ready)
 * @param ready false for a snapshot source that is not ready to use yet
 */
public record SourceObject(
    ObjectRef ref, String uid, Map<String, String> labels, ObjectNode vm, boolean ready) {}
