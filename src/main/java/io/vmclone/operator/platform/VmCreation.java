package io.vmclone.operator.platform;

/**
 * What creating a VM with a deterministic name found.
 *
 * @param uid the metadata.uid of the VM of that name: the one created or adopted (recorded in the
 *     journal, and the only one the clone starts or halts later), or the one that is not ours
 */
public record VmCreation(CreateOutcome outcome, String uid) {}
