package io.vmclone.operator.workflow.action;

import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.Right;
import java.util.ArrayList;
import java.util.List;

/**
 * Every right a clone uses, which its requester must hold: read the source, snapshot it, let CDI
 * clone from its namespace ({@code datavolumes/source}, CDI's own check for clone sources), create
 * DataVolumes and the VM in the target namespace, and change the VM's run strategy when the clone
 * starts it. Each right belongs to the step whose side effect needs it ({@link #forStep}); the
 * whole list is the union, in workflow order.
 */
public final class RequiredRights {

  static final String KUBEVIRT = "kubevirt.io";
  static final String SNAPSHOT = "snapshot.kubevirt.io";
  static final String CDI = "cdi.kubevirt.io";

  private static final List<String> STEPS =
      List.of(
          ActionNames.SNAPSHOT_SOURCE,
          ActionNames.COPY_DISKS,
          ActionNames.CREATE_TARGET,
          ActionNames.POWER_ON);

  private RequiredRights() {}

  /** The rights of a clone in {@code cloneNamespace} with this spec. */
  public static List<Right> of(VirtualMachineCloneSpec spec, String cloneNamespace) {
    List<Right> rights = new ArrayList<>();
    STEPS.forEach(step -> rights.addAll(forStep(step, spec, cloneNamespace)));
    return rights;
  }

  /**
   * The rights the side effect of one step needs; empty for a step that acts on nothing of the
   * requester's (Authorize, PreserveSession, FlagEntities, Release).
   */
  public static List<Right> forStep(
      String step, VirtualMachineCloneSpec spec, String cloneNamespace) {
    String sourceNamespace = spec.sourceNamespaceIn(cloneNamespace);
    String targetNamespace = spec.targetNamespaceIn(cloneNamespace);
    String source = spec.getSource().getName();
    return switch (step) {
      case ActionNames.SNAPSHOT_SOURCE ->
          spec.getSource().getKind() == SourceKind.VirtualMachineSnapshot
              ? List.of(
                  new Right(
                      "get", SNAPSHOT, "virtualmachinesnapshots", "", sourceNamespace, source))
              : List.of(
                  new Right("get", KUBEVIRT, "virtualmachines", "", sourceNamespace, source),
                  new Right(
                      "create", SNAPSHOT, "virtualmachinesnapshots", "", sourceNamespace, ""));
      case ActionNames.COPY_DISKS ->
          List.of(
              new Right("create", CDI, "datavolumes", "source", sourceNamespace, ""),
              new Right("create", CDI, "datavolumes", "", targetNamespace, ""));
      case ActionNames.CREATE_TARGET ->
          List.of(new Right("create", KUBEVIRT, "virtualmachines", "", targetNamespace, ""));
      case ActionNames.POWER_ON ->
          startsOrSets(spec)
              ? List.of(new Right("update", KUBEVIRT, "virtualmachines", "", targetNamespace, ""))
              : List.of();
      default -> List.of();
    };
  }

  private static boolean startsOrSets(VirtualMachineCloneSpec spec) {
    RunStrategy strategy =
        spec.getRunStrategy() == null ? RunStrategy.Halted : spec.getRunStrategy();
    return strategy != RunStrategy.Halted;
  }
}
