package io.vmclone.testing;

import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * A valid clone of the VM {@code probe} with these annotations, not yet created: what tests send
 * (usually with {@code dryRun}) to see how the API server's admission treats a clone.
 */
public final class ProbeClone {

  private ProbeClone() {}

  public static VirtualMachineClone of(String name, Map<String, String> annotations) {
    VirtualMachineClone probe = new VirtualMachineClone();
    probe.getMetadata().setName(name);
    if (!annotations.isEmpty()) {
      probe.getMetadata().setAnnotations(new HashMap<>(annotations));
    }
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "probe", null));
    probe.setSpec(spec);
    return probe;
  }
}
