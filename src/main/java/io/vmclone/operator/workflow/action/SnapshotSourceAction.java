package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Gets a consistent point-in-time copy of the source: a temporary VirtualMachineSnapshot {@code
 * vmclone-<key>-snap} of a source VM (running or stopped), or the user's snapshot when the source
 * is one. Waits until it is ready to use. A snapshot of the temporary name that this clone did not
 * create (whatever its labels) is never used or deleted: the platform refuses it with {@code
 * NameConflict}, which fails the clone.
 *
 * <p>Once the snapshot is ready, the target is planned from the VM it recorded ({@link
 * TargetPlanner#dryRun}), as CreateTarget will build it: a VM that became impossible to clone after
 * FlagEntities checked it ({@code SourceNotCloneable}, say a persistent TPM added meanwhile) fails
 * the clone here, before any disk is copied, and the undo deletes the snapshot.
 */
@ApplicationScoped
public class SnapshotSourceAction implements Action {

  private final VmPlatform platform;
  private final TargetPlanner planner;
  private final ObjectMapper mapper;

  public SnapshotSourceAction(VmPlatform platform, TargetPlanner planner, ObjectMapper mapper) {
    this.platform = platform;
    this.planner = planner;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.SNAPSHOT_SOURCE;
  }

  @Override
  public int weight() {
    return 3;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    ObjectRef source = context.source();
    if (context.sourceIsSnapshot()) {
      Optional<SnapshotState> state = platform.readSnapshot(source.namespace(), source.name());
      if (state.isEmpty()) {
        return ActionResult.failed(Reasons.SOURCE_NOT_FOUND, source + " was deleted");
      }
      return result(context, state.get(), source.namespace(), source.name(), false);
    }
    String name = ChildNames.snapshotName(context.cloneUid());
    SnapshotState state =
        platform.ensureSnapshot(source.namespace(), name, source.name(), context.ownership(name()));
    return result(context, state, source.namespace(), name, true);
  }

  @Override
  public void describe(JsonNode done, DoneFacts facts) {
    facts.snapshotName(SnapshotData.fromJson(mapper, done).name());
  }

  @Override
  public void undo(TaskContext context) {
    if (!context.sourceIsSnapshot()) {
      platform.deleteSnapshot(
          context.source().namespace(),
          ChildNames.snapshotName(context.cloneUid()),
          context.ownership(name()));
    }
  }

  private ActionResult result(
      TaskContext context, SnapshotState state, String namespace, String name, boolean temporary) {
    String ref = "VirtualMachineSnapshot " + namespace + "/" + name;
    if (state.phase() == SnapshotState.Phase.READY) {
      planner.dryRun(context, state.vm());
    }
    return switch (state.phase()) {
      case READY ->
          ActionResult.done(
              new SnapshotData(namespace, name, temporary, state.volumes()).toJson(mapper),
              ref + " is ready with " + state.volumes().size() + " volume(s)");
      case FAILED ->
          ActionResult.failed(Reasons.SNAPSHOT_FAILED, ref + " failed: " + state.message());
      case IN_PROGRESS -> ActionResult.inProgress(0, "waiting for " + ref + " to be ready");
    };
  }
}
