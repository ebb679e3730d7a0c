package io.vmclone.operator.api;

/** The coarse state of a clone, as shown by {@code kubectl get vmclones}. */
public enum ClonePhase {
  /** Accepted, waiting to start (for example for its source VM to appear). */
  Pending,
  /** Working through its steps. */
  Running,
  /** Interrupted by an operator restart and being recovered. */
  Recovering,
  /** The target VM exists and the clone is committed. */
  Succeeded,
  /** The clone failed; everything it created was undone. */
  Failed;

  public boolean isTerminal() {
    return this == Succeeded || this == Failed;
  }
}
