package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.CreateOutcome;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmPlatform;
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
   * Creates the VM; if one of that name exists, it is ADOPTED when it carries the manifest's task
   * label and EXISTS_NOT_OURS otherwise (and is left alone).
   */
  CreateOutcome create(ObjectNode manifest) {
    String namespace = manifest.at("/metadata/namespace").asText(null);
    String name = manifest.at("/metadata/name").asText(null);
    String taskId = manifest.at("/metadata/labels").path(VmPlatform.TASK_LABEL).asText(null);
    if (namespace == null || name == null || taskId == null) {
      throw new IllegalArgumentException(
          "the VM manifest needs metadata.namespace, metadata.name and the label "
              + VmPlatform.TASK_LABEL);
    }
    if (api.create(VIRTUAL_MACHINE, manifest).isPresent()) {
      return CreateOutcome.CREATED;
    }
    ObjectNode existing =
        api.get(VIRTUAL_MACHINE, namespace, name)
            .orElseThrow(
                () ->
                    new KubernetesClientException(
                        "VirtualMachine " + namespace + "/" + name + " vanished after a conflict"));
    return Labels.isOurs(existing, taskId) ? CreateOutcome.ADOPTED : CreateOutcome.EXISTS_NOT_OURS;
  }

  /**
   * Sets spec.runStrategy (dropping the legacy spec.running, which KubeVirt refuses alongside it)
   * on our VM. A VM without our label is refused with reason {@code TargetNotOurs}.
   */
  Optional<VmState> setRunStrategy(
      String namespace, String name, String taskId, RunStrategy strategy) {
    return api.modify(
            VIRTUAL_MACHINE,
            namespace,
            name,
            vm -> {
              if (!Labels.isOurs(vm, taskId)) {
                throw new PlatformException(
                    "TargetNotOurs",
                    "VirtualMachine "
                        + namespace
                        + "/"
                        + name
                        + " does not belong to task "
                        + taskId);
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
}
