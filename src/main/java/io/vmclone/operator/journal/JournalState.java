package io.vmclone.operator.journal;

/** The state of a task's workflow journal. */
public enum JournalState {
  /** Not finished: actions may run, or be undone. */
  PENDING,
  /** Finished with success, in the same transaction that set the task to SUCCESS. */
  COMMITTED,
  /** Finished with failure, in the same transaction that set the task to ERROR. */
  ABORTED
}
