package io.vmclone.operator.workflow;

import java.util.Optional;

/**
 * Right before an action's side effect: whether the requester still holds the rights that side
 * effect needs. An implementation asks the API server only when its last successful check is older
 * than a configured time, so a clone that moves on quickly costs no extra request; a clone that
 * waited (a missing source, a long copy) is checked again before it acts.
 */
public interface RightsCheck {

  /** Empty if the action may go on; otherwise why not (IdentityRevoked), before any side effect. */
  Optional<ActionResult.Failed> beforeSideEffect(TaskContext context, String action);

  /** Checks nothing: for tests of the engine, whose actions have no requester. */
  static RightsCheck none() {
    return (context, action) -> Optional.empty();
  }
}
