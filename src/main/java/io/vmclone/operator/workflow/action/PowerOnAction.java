package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.RequesterPlatforms;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Gives the target VM the run strategy the clone asks for. The VM was created halted; with Always,
 * RerunOnFailure or Once this starts it and waits until KubeVirt reports it running; with Manual it
 * only sets the strategy; with Halted (the default) it does nothing.
 */
@ApplicationScoped
public class PowerOnAction implements Action {

  private final VmPlatform platform;
  private final RequesterPlatforms requester;
  private final ObjectMapper mapper;

  public PowerOnAction(VmPlatform platform, RequesterPlatforms requester, ObjectMapper mapper) {
    this.platform = platform;
    this.requester = requester;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.POWER_ON;
  }

  @Override
  public int weight() {
    return 2;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    RunStrategy strategy = context.runStrategy();
    if (strategy == RunStrategy.Halted) {
      return ActionResult.done(data(strategy, false), "left halted (runStrategy Halted)");
    }
    String ref = "VirtualMachine " + context.targetNamespace() + "/" + context.targetName();
    Optional<String> uid = targetUid(context);
    if (uid.isEmpty()) {
      return ActionResult.failed(
          Reasons.TARGET_EXISTS, ref + " was not recorded as created by this clone; not started");
    }
    Optional<VmState> vm;
    try (RequesterPlatforms.Acting acting = requester.forTask(context)) {
      vm =
          acting
              .platform()
              .setRunStrategy(context.targetNamespace(), context.targetName(), uid.get(), strategy);
    }
    if (vm.isEmpty()) {
      return ActionResult.failed(
          Reasons.TARGET_DELETED, ref + " was deleted before it could be started");
    }
    if (!strategy.startsVm()) {
      return ActionResult.done(data(strategy, false), "runStrategy " + strategy + " set");
    }
    if (vm.get().ready() || "Running".equals(vm.get().printableStatus())) {
      return ActionResult.done(data(strategy, true), ref + " is running");
    }
    return ActionResult.inProgress(
        50,
        "waiting for "
            + ref
            + " to run (now "
            + Optional.ofNullable(vm.get().printableStatus()).orElse("unknown")
            + ")");
  }

  /**
   * Halts our target VM: the one whose UID CreateTarget recorded. Any other VM of the target name
   * (whatever its labels) is not this clone's to halt, and not a cleanup problem either: it is left
   * alone.
   */
  @Override
  public void undo(TaskContext context) {
    Optional<String> uid = targetUid(context);
    boolean ours =
        uid.isPresent()
            && platform
                .findVm(context.targetNamespace(), context.targetName())
                .map(vm -> uid.get().equals(vm.uid()))
                .orElse(false);
    if (ours) {
      platform.setRunStrategy(
          context.targetNamespace(), context.targetName(), uid.get(), RunStrategy.Halted);
    }
  }

  /** The UID of the VM CreateTarget created or adopted, from its DONE entry. */
  private Optional<String> targetUid(TaskContext context) {
    return context
        .doneData(ActionNames.CREATE_TARGET)
        .map(data -> TargetData.fromJson(mapper, data).targetUid());
  }

  private JsonNode data(RunStrategy strategy, boolean started) {
    return new PowerOnData(strategy, started).toJson(mapper);
  }
}
