package io.vmclone.crash;

/**
 * A clone the harness applied, with what its outcome depends on.
 *
 * @param name the VirtualMachineClone's name
 * @param source the name of its own source VM
 * @param uid the clone's UID (its task is found by it)
 * @param maxRestarts the clone's policy.maxRestarts, or null for the operator's default
 * @param disks how many disk copies the clone makes
 */
public record CloneRef(String name, String source, String uid, Integer maxRestarts, int disks) {

  /** The operators' vmclone.continuous.max-restarts, which the harness leaves at its default. */
  public static final int DEFAULT_MAX_RESTARTS = 3;

  public int effectiveMaxRestarts() {
    return maxRestarts == null ? DEFAULT_MAX_RESTARTS : maxRestarts;
  }
}
