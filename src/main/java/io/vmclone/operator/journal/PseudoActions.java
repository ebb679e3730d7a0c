package io.vmclone.operator.journal;

/**
 * The action names of journal entries that no workflow action writes (the actions' own names are
 * {@code workflow.action.ActionNames}). They appear in {@code status.journal}, in the current step
 * and in logs, so they are as stable as the actions' names.
 */
public final class PseudoActions {

  /** The COMMITTED entry of a successful task; also the step once every action is DONE. */
  public static final String COMMIT = "Commit";

  /** The ABORTED entry of a failed task, after its undo. */
  public static final String ABORT = "Abort";

  /** The ABORTED entry of a clone refused before its first step (its only entry). */
  public static final String REJECT = "Reject";

  /** The FAILED entry of a running clone failed from outside (it was deleted); undo follows. */
  public static final String CANCEL = "Cancel";

  /** The RESTARTED entry of a task interrupted between actions, not during one. */
  public static final String WORKFLOW = "Workflow";

  private PseudoActions() {}
}
