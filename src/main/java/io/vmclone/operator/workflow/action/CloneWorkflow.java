package io.vmclone.operator.workflow.action;

import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.Workflow;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The clone workflow: its actions in the order of {@link ActionNames#IN_ORDER}, the one place that
 * order is written (docs/design.md#the-workflow). Commit is the engine's own. Authorize comes
 * before PreserveSession, so no token is minted for a requester who may not clone.
 */
public class CloneWorkflow {

  @Produces
  @Singleton
  Workflow workflow(
      RedoableAction redoable,
      PreserveSessionAction preserveSession,
      AuthorizeAction authorize,
      FlagEntitiesAction flagEntities,
      SnapshotSourceAction snapshotSource,
      CopyDisksAction copyDisks,
      CreateTargetAction createTarget,
      PowerOnAction powerOn,
      ReleaseAction release) {
    List<Action> actions =
        inOrder(
            List.of(
                redoable,
                preserveSession,
                authorize,
                flagEntities,
                snapshotSource,
                copyDisks,
                createTarget,
                powerOn,
                release));
    if (actions.size() != ActionNames.IN_ORDER.size()) {
      throw new IllegalStateException("the workflow needs every action of ActionNames.IN_ORDER");
    }
    return new Workflow(actions);
  }

  /**
   * The actions sorted in workflow order.
   *
   * @throws IllegalArgumentException for an action whose name is not in {@link
   *     ActionNames#IN_ORDER}
   */
  static List<Action> inOrder(Collection<? extends Action> actions) {
    return actions.stream()
        .sorted(Comparator.comparingInt(CloneWorkflow::position))
        .map(Action.class::cast)
        .toList();
  }

  private static int position(Action action) {
    int position = ActionNames.IN_ORDER.indexOf(action.name());
    if (position < 0) {
      throw new IllegalArgumentException("not an action of the workflow: " + action.name());
    }
    return position;
  }
}
