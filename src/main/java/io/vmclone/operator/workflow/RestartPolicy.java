package io.vmclone.operator.workflow;

import java.util.Optional;

/**
 * Decides, for a task found interrupted, whether it may restart (as vSphere's RedoableAction does
 * on recovery).
 */
public interface RestartPolicy {

  /** Empty to restart the task; otherwise why it must fail instead. */
  Optional<ActionResult.Failed> decide(TaskContext context);
}
