package io.vmclone.operator.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One disk to copy into a new DataVolume.
 *
 * @param namespace where the DataVolume goes (the target's namespace)
 * @param name the DataVolume's deterministic name
 * @param owner the task whose label and creation mark it gets
 * @param spec the DataVolume spec (source and storage), see {@code DiskCopies}
 */
public record DiskCopyRequest(String namespace, String name, Ownership owner, ObjectNode spec) {}
