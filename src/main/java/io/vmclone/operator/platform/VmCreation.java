package io.vmclone.operator.platform;

/**
 * What creating a VM with a deterministic name found.
 *
 * @param uid the metadata.uid of the VM created or adopted (recorded in the journal, and the only
 *     one the clone starts or halts later)
 * @param adopted whether it existed already, provably ours: an earlier attempt made it
 */
public record VmCreation(String uid, boolean adopted) {}
