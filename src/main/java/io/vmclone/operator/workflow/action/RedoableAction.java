package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.RestartPolicy;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * First action, as vSphere's RedoableAction: records the restart policy the task runs under (how
 * many restarts it may take and its deadline), taken from the task row written when the clone was
 * accepted. On recovery it decides whether an interrupted task restarts: not when continuous
 * operation is disabled ({@code Interrupted}), when the task used up its restarts ({@code
 * MaxRestartsExceeded}) or when its deadline passed ({@code DeadlineExceeded}). It has no side
 * effect, so nothing to undo.
 */
@ApplicationScoped
public class RedoableAction implements Action, RestartPolicy {

  private final ObjectMapper mapper;
  private final boolean continuousEnabled;

  @Inject
  public RedoableAction(ObjectMapper mapper, OperatorConfig config) {
    this(mapper, config.continuous().enabled());
  }

  public RedoableAction(ObjectMapper mapper, boolean continuousEnabled) {
    this.mapper = mapper;
    this.continuousEnabled = continuousEnabled;
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

  @Override
  public Optional<ActionResult.Failed> decide(TaskContext context) {
    TaskRecord task = context.task();
    if (!continuousEnabled) {
      return Optional.of(
          ActionResult.failed(
              Reasons.INTERRUPTED,
              "the operator was interrupted and continuous operation is disabled"
                  + " (vmclone.continuous.enabled=false)"));
    }
    if (task.restarts() >= task.maxRestarts()) {
      return Optional.of(
          ActionResult.failed(
              Reasons.MAX_RESTARTS_EXCEEDED,
              "interrupted again after "
                  + task.restarts()
                  + " restart(s); policy.maxRestarts is "
                  + task.maxRestarts()));
    }
    if (context.now().isAfter(task.deadline())) {
      return Optional.of(
          ActionResult.failed(
              Reasons.DEADLINE_EXCEEDED,
              "interrupted, and the deadline " + task.deadline() + " has passed"));
    }
    return Optional.empty();
  }
}
