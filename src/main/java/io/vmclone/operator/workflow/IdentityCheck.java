package io.vmclone.operator.workflow;

import java.util.Optional;

/**
 * On recovery, before an interrupted task may restart: whether the identity it preserved still
 * stands (the token still authenticates, the requester still holds the rights the clone needs).
 */
public interface IdentityCheck {

  /** Empty if the task may go on as its requester; otherwise why not (IdentityRevoked). */
  Optional<ActionResult.Failed> revive(TaskContext context);
}
