package io.vmclone.operator.workflow;

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
}
