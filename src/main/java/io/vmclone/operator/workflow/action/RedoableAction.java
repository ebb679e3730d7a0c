package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * First action, as vSphere's RedoableAction: records the restart policy the task runs under (how
 * many restarts it may take and its deadline), taken from the task row that was written when the
 * clone was accepted. It has no side effect, so nothing to undo.
 */
@ApplicationScoped
public class RedoableAction implements Action {

  private final ObjectMapper mapper;

  public RedoableAction(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.REDOABLE;
  }

  @Override
  public int weight() {
    return 1;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    int maxRestarts = context.task().maxRestarts();
    String deadline = context.task().deadline().toString();
    return new ActionResult.Done(
        mapper.createObjectNode().put("maxRestarts", maxRestarts).put("deadline", deadline),
        "restart policy: at most " + maxRestarts + " restarts, deadline " + deadline);
  }

  @Override
  public void undo(TaskContext context) {
    // Recording the policy changed nothing outside the journal.
  }
}
