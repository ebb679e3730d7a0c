package io.vmclone.operator.journal;

/** What one journal entry records about an action. */
public enum EntryState {
  /** Written and committed before the action's side effect. */
  STARTED,
  /** The side effect happened; the entry carries the action's data for later steps and undo. */
  DONE,
  /** The action failed; undo of the workflow follows. */
  FAILED,
  /** The action's effects were undone. */
  UNDONE,
  /** The workflow was restarted after an interruption. */
  RESTARTED,
  /** The workflow committed (last entry of a successful task). */
  COMMITTED,
  /** The workflow aborted (last entry of a failed task). */
  ABORTED
}
