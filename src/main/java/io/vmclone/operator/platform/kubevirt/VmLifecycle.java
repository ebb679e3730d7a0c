package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmCreation;
import io.vmclone.operator.platform.VmState;
import java.util.Optional;

/** Creating the target VirtualMachine, adopting it, and setting its run strategy. */
final class VmLifecycle {

  private final KubeApi api;

  VmLifecycle(KubeApi api) {
    this.api = api;
  }

  static VmState state(JsonNode vm) {
    return new VmState(
        vm.at("/metadata/uid").asText(null),
        Labels.of(vm),
        vm.at("/status/printableStatus").asText(null),
        vm.at("/status/ready").asBoolean(false));
  }

  /**
   * Creates the VM with the owner's label and creation mark; if one of that name exists, it is
   * adopted when it is provably the owner's and refused with reason {@code TargetExists} otherwise
   * (and is left alone).
   */
  VmCreation create(ObjectNode manifest, Ownership owner) {
    String namespace = manifest.at("/metadata/namespace").asText(null);
    String name = manifest.at("/metadata/name").asText(null);
    if (namespace == null || name == null) {
      throw new IllegalArgumentException(
          "the VM manifest needs metadata.namespace and metadata.name");
    }
    ObjectNode marked = manifest.deepCopy();
    Labels.mark(VIRTUAL_MACHINE, marked, owner);
    Optional<ObjectNode> created = api.create(VIRTUAL_MACHINE, marked);
    if (created.isPresent()) {
      return new VmCreation(uid(created.get()), false);
    }
    ObjectNode existing =
        api.get(VIRTUAL_MACHINE, namespace, name)
            .orElseThrow(
                () ->
                    new KubernetesClientException(
                        "VirtualMachine " + namespace + "/" + name + " vanished after a conflict"));
    Refusals.requireOurs(
        VIRTUAL_MACHINE, existing, namespace, name, owner, Reasons.TARGET_EXISTS, "this clone");
    return new VmCreation(uid(existing), true);
  }

  /**
   * Sets spec.runStrategy (dropping the legacy spec.running, which KubeVirt refuses alongside it)
   * on the VM with this UID, the one the clone created. A VM of that name with another UID (a
   * foreign VM, whatever its labels) is refused with reason {@code TargetNotOurs}; the update
   * carries the resourceVersion it was checked at, so a replacement is never changed.
   */
  Optional<VmState> setRunStrategy(
      String namespace, String name, String uid, RunStrategy strategy) {
    return api.modify(
            VIRTUAL_MACHINE,
            namespace,
            name,
            vm -> {
              if (uid == null || !uid.equals(uid(vm))) {
                throw new PlatformException(
                    Reasons.TARGET_NOT_OURS,
                    "VirtualMachine "
                        + namespace
                        + "/"
                        + name
                        + " is not the one this clone created (UID "
                        + uid
                        + ")");
              }
              ObjectNode spec = vm.withObjectProperty("spec");
              boolean same =
                  strategy.name().equals(spec.path("runStrategy").asText()) && !spec.has("running");
              if (same) {
                return null;
              }
              spec.remove("running");
              spec.put("runStrategy", strategy.name());
              return vm;
            })
        .map(VmLifecycle::state);
  }

  private static String uid(JsonNode vm) {
    return vm.at("/metadata/uid").asText(null);
  }
}
