package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.KubeVirtKind;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Plays KubeVirt's VirtualMachine controller: creates the DataVolumes of a VM's
 * dataVolumeTemplates, and reports the VM Running (after {@code vmStartDelay}, through Starting)
 * while its runStrategy (or legacy {@code spec.running}) asks for it to run, Stopped otherwise.
 */
final class VmController implements SimulatedController {

  private static final KubeVirtKind VM = KubeVirtKind.VIRTUAL_MACHINE;

  private final ApiObjects api;
  private final SimulatorSettings settings;
  private final Timers starts;
  private final Set<String> provisioned = ConcurrentHashMap.newKeySet();

  VmController(ApiObjects api, SimulatorSettings settings, Timers timers) {
    this.api = api;
    this.settings = settings;
    this.starts = timers;
  }

  @Override
  public KubeVirtKind kind() {
    return VM;
  }

  @Override
  public void upserted(ObjectNode vm) {
    String uid = vm.at("/metadata/uid").asText();
    if (provisioned.add(uid)) {
      provisionDataVolumes(vm);
    }
    if (wantsRunning(vm)) {
      if (!"Running".equals(vm.at("/status/printableStatus").asText()) && !starts.pending(uid)) {
        write(vm, VmStatuses::starting);
        starts.once(uid, settings.vmStartDelay(), () -> finishStart(vm));
      }
    } else {
      starts.cancel(uid);
      write(vm, VmStatuses::stopped);
    }
  }

  @Override
  public void deleted(ObjectNode vm) {
    String uid = vm.at("/metadata/uid").asText();
    starts.cancel(uid);
    provisioned.remove(uid);
  }

  /** Whether KubeVirt would keep a VMI of this VM running. */
  static boolean wantsRunning(JsonNode vm) {
    JsonNode strategy = vm.at("/spec/runStrategy");
    if (strategy.isTextual()) {
      return switch (strategy.asText()) {
        case "Always", "RerunOnFailure", "Once" -> true;
        default -> false;
      };
    }
    return vm.at("/spec/running").asBoolean(false);
  }

  private void finishStart(ObjectNode vm) {
    var written =
        api.writeStatus(
            VM,
            vm.at("/metadata/namespace").asText(),
            vm.at("/metadata/name").asText(),
            current -> wantsRunning(current) ? VmStatuses.running(current) : null);
    written.ifPresent(w -> TransitionLog.transition(VM, w, "Running"));
  }

  private void write(ObjectNode vm, UnaryOperator<ObjectNode> status) {
    ObjectNode wanted = status.apply(vm.deepCopy());
    if (wanted == null || wanted.equals(vm.get("status"))) {
      // the event shows the status already; every operator write to a source VM would cost a GET
      return;
    }
    var written =
        api.writeStatus(
            VM, vm.at("/metadata/namespace").asText(), vm.at("/metadata/name").asText(), status);
    written.ifPresent(
        w -> TransitionLog.transition(VM, w, w.at("/status/printableStatus").asText()));
  }

  private void provisionDataVolumes(ObjectNode vm) {
    for (JsonNode template : vm.at("/spec/dataVolumeTemplates")) {
      ObjectNode dataVolume = dataVolumeFromTemplate(vm, template);
      if (api.create(KubeVirtKind.DATA_VOLUME, dataVolume)) {
        TransitionLog.transition(
            KubeVirtKind.DATA_VOLUME, dataVolume, "created from the VM's dataVolumeTemplates");
      }
    }
  }

  /** The DataVolume KubeVirt creates for one of a VM's dataVolumeTemplates, owned by the VM. */
  private static ObjectNode dataVolumeFromTemplate(ObjectNode vm, JsonNode template) {
    ObjectNode dataVolume = vm.objectNode();
    dataVolume.put("apiVersion", KubeVirtKind.DATA_VOLUME.apiVersion());
    dataVolume.put("kind", KubeVirtKind.DATA_VOLUME.kind());
    ObjectNode metadata = template.path("metadata").deepCopy();
    metadata.put("namespace", vm.at("/metadata/namespace").asText());
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", VM.apiVersion())
        .put("kind", VM.kind())
        .put("name", vm.at("/metadata/name").asText())
        .put("uid", vm.at("/metadata/uid").asText())
        .put("controller", true)
        .put("blockOwnerDeletion", true);
    dataVolume.set("metadata", metadata);
    dataVolume.set("spec", template.path("spec").deepCopy());
    return dataVolume;
  }
}
