package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One step of the clone workflow.
 *
 * <p>Contract: {@link #execute} is idempotent and may be called many times for one STARTED journal
 * entry (polling, retries, a restart of the operator); it names everything it creates
 * deterministically from the clone's UID, labels it with the task id, adopts its own objects that
 * already exist, and never changes an object that is not its own. {@link #undo} removes whatever
 * the action may have created, whether it finished or was interrupted half way, treats "already
 * gone" as success, and throws only for problems it could not get past.
 */
public interface Action {

  /** The name recorded in the journal and shown as the clone's current step. */
  String name();

  /** Share of the whole clone's progress this step stands for, out of the workflow's total. */
  int weight();

  ActionResult execute(TaskContext context);

  void undo(TaskContext context);

  /**
   * After an interruption in this action: looks at what the interrupted attempt left and says what
   * will happen to it, for the journal and the event. The default suits an action whose {@link
   * #execute} adopts whatever it finds; an action that must first remove half-done work does so
   * here.
   */
  default String recover(TaskContext context) {
    return name() + " runs again and adopts what the interrupted attempt created";
  }

  /**
   * Fills in what this action's DONE data tells the clone's status (its own part of {@link
   * DoneFacts}); the default tells nothing.
   */
  default void describe(JsonNode done, DoneFacts facts) {}
}
