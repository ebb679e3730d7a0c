package io.vmclone.operator.workflow.action;

import io.vmclone.operator.workflow.Workflow;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The clone workflow: its actions in order (DESIGN section 3). Commit is the engine's own.
 * Authorize comes before PreserveSession, so no token is minted for a requester who may not clone.
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
    return new Workflow(
        List.of(
            redoable,
            authorize,
            preserveSession,
            flagEntities,
            snapshotSource,
            copyDisks,
            createTarget,
            powerOn,
            release));
  }
}
