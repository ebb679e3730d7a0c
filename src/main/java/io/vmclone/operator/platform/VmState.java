package io.vmclone.operator.platform;

import java.util.Map;

/**
 * A VirtualMachine as it is now.
 *
 * @param uid its metadata.uid
 * @param labels its labels
 * @param printableStatus KubeVirt's status.printableStatus (Stopped, Running, ...), may be null
 * @param ready KubeVirt's status.ready
 */
public record VmState(
    String uid, Map<String, String> labels, String printableStatus, boolean ready) {}
