package io.vmclone.operator.identity;

import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Every right a clone uses, which its requester must hold: read the source, snapshot it, let CDI
 * clone from its namespace ({@code datavolumes/source}, CDI's own check for clone sources), create
 * DataVolumes and the VM in the target namespace, and change the VM's run strategy when the clone
 * starts it.
 */
public final class RequiredRights {

  static final String KUBEVIRT = "kubevirt.io";
  static final String SNAPSHOT = "snapshot.kubevirt.io";
  static final String CDI = "cdi.kubevirt.io";

  private RequiredRights() {}

  /** The rights of a clone in {@code cloneNamespace} with this spec. */
  public static List<Right> of(VirtualMachineCloneSpec spec, String cloneNamespace) {
    String sourceNamespace = orDefault(spec.getSource().getNamespace(), cloneNamespace);
    String targetNamespace =
        orDefault(
            spec.getTarget() == null ? null : spec.getTarget().getNamespace(), cloneNamespace);
    String source = spec.getSource().getName();
    List<Right> rights = new ArrayList<>();
    if (spec.getSource().getKind() == SourceKind.VirtualMachineSnapshot) {
      rights.add(
          new Right("get", SNAPSHOT, "virtualmachinesnapshots", "", sourceNamespace, source));
    } else {
      rights.add(new Right("get", KUBEVIRT, "virtualmachines", "", sourceNamespace, source));
      rights.add(new Right("create", SNAPSHOT, "virtualmachinesnapshots", "", sourceNamespace, ""));
    }
    rights.add(new Right("create", CDI, "datavolumes", "source", sourceNamespace, ""));
    rights.add(new Right("create", CDI, "datavolumes", "", targetNamespace, ""));
    rights.add(new Right("create", KUBEVIRT, "virtualmachines", "", targetNamespace, ""));
    RunStrategy strategy =
        spec.getRunStrategy() == null ? RunStrategy.Halted : spec.getRunStrategy();
    if (strategy != RunStrategy.Halted) {
      rights.add(new Right("update", KUBEVIRT, "virtualmachines", "", targetNamespace, ""));
    }
    return rights;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
