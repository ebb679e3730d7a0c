package io.vmclone.operator.workflow;

import java.util.List;

/**
 * What one step of the engine did, for the status projection and the events.
 *
 * @param kind what happened
 * @param action the action the step was about (null when the workflow was already finished)
 * @param reason for BLOCKED and FAILED: the condition reason
 * @param message for people
 * @param notices events to publish
 */
public record StepOutcome(
    Kind kind, String action, String reason, String message, List<Notice> notices) {

  /** What a step did. */
  public enum Kind {
    /** An action finished; the next one can run at once. */
    ADVANCED,
    /** An action is under way; poll again later. */
    WAITING,
    /** An action cannot start yet; poll again later. */
    BLOCKED,
    /**
     * The task was found interrupted and is flagged in recovery (or its recovery could not be
     * decided yet); it is settled next.
     */
    RECOVERING,
    /** The workflow committed now. */
    SUCCEEDED,
    /** The workflow failed and was undone now. */
    FAILED,
    /** Nothing to do: the journal was already COMMITTED or ABORTED. */
    FINISHED
  }

  /** A task in recovery, shown before recovery acts on it. */
  public static StepOutcome recovering(String step, String message) {
    return new StepOutcome(Kind.RECOVERING, step, null, message, List.of());
  }

  public boolean isTerminal() {
    return kind == Kind.SUCCEEDED || kind == Kind.FAILED || kind == Kind.FINISHED;
  }
}
