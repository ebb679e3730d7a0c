package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.VmCreation;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.RequesterPlatforms;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates the target VirtualMachine, halted, from the VM as the snapshot recorded it: filtered
 * labels and annotations, new MACs and SMBIOS serial, no firmware UUID, volumes on the disk copies,
 * the clone's patches applied last. A VM of the target name that this clone did not create
 * (whatever its labels) is refused by the platform with {@code TargetExists}, which fails the
 * clone, and is never adopted or deleted; the created VM's UID is recorded in the DONE entry.
 */
@ApplicationScoped
public class CreateTargetAction implements Action {

  /** The field of the DONE data holding the UID of the VM created: the only one PowerOn starts. */
  private final VmPlatform platform;

  private final RequesterPlatforms requester;
  private final TargetPlanner planner;
  private final ObjectMapper mapper;

  public CreateTargetAction(
      VmPlatform platform,
      RequesterPlatforms requester,
      TargetPlanner planner,
      ObjectMapper mapper) {
    this.platform = platform;
    this.requester = requester;
    this.planner = planner;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.CREATE_TARGET;
  }

  @Override
  public int weight() {
    return 2;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    SnapshotData snapshot =
        context
            .doneData(ActionNames.SNAPSHOT_SOURCE)
            .map(node -> SnapshotData.fromJson(mapper, node))
            .orElseThrow(() -> new IllegalStateException("CreateTarget runs after SnapshotSource"));
    SnapshotState state =
        platform
            .readSnapshot(snapshot.namespace(), snapshot.name())
            .filter(s -> s.phase() == SnapshotState.Phase.READY)
            .orElse(null);
    if (state == null) {
      return ActionResult.failed(
          Reasons.SNAPSHOT_FAILED,
          "VirtualMachineSnapshot "
              + snapshot.namespace()
              + "/"
              + snapshot.name()
              + " is gone or no longer ready");
    }
    ObjectNode manifest =
        planner.build(context, state.vm(), snapshot.namespace(), snapshot.volumes());
    VmCreation creation;
    try (RequesterPlatforms.Acting acting = requester.forTask(context)) {
      creation = acting.platform().createVm(manifest, context.ownership(name()));
    }
    String ref = "VirtualMachine " + context.targetNamespace() + "/" + context.targetName();
    return ActionResult.done(
        new TargetData(
                context.targetNamespace(), context.targetName(), creation.uid(), creation.adopted())
            .toJson(mapper),
        (creation.adopted() ? "adopted " : "created ") + ref);
  }

  @Override
  public void undo(TaskContext context) {
    platform.deleteVm(context.targetNamespace(), context.targetName(), context.ownership(name()));
  }
}
