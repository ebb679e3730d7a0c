package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The VirtualMachineSnapshot and VirtualMachineSnapshotContent statuses KubeVirt reports in each
 * phase. KubeVirt puts the human text of its snapshot conditions in {@code reason}.
 */
final class SnapshotStatuses {

  private SnapshotStatuses() {}

  static ObjectNode inProgress(ObjectNode snapshot, JsonNode vm) {
    ObjectNode status = current(snapshot);
    status.put("phase", "InProgress");
    status.put("readyToUse", false);
    status.put("sourceUID", vm.at("/metadata/uid").asText());
    if (VmController.wantsRunning(vm)) {
      status.putArray("indications").add("Online").add("NoGuestAgent");
    }
    Conditions.put(
        status,
        Conditions.kubevirt("Progressing", true, "Source locked and operation in progress", null),
        Conditions.kubevirt("Ready", false, "Not ready", null));
    return status;
  }

  static ObjectNode succeeded(ObjectNode snapshot, JsonNode content, String creationTime) {
    ObjectNode status = current(snapshot);
    status.put("phase", "Succeeded");
    status.put("readyToUse", true);
    status.put("creationTime", creationTime);
    status.put("virtualMachineSnapshotContentName", content.at("/metadata/name").asText());
    status.put("sourceUID", content.at("/spec/source/virtualMachine/metadata/uid").asText());
    status.remove("error");
    ObjectNode volumes = status.putObject("snapshotVolumes");
    ArrayNode included = volumes.putArray("includedVolumes");
    ArrayNode excluded = volumes.putArray("excludedVolumes");
    for (JsonNode volume : content.at("/spec/source/virtualMachine/spec/template/spec/volumes")) {
      String name = volume.path("name").asText();
      (SnapshotContents.claimName(volume) == null ? excluded : included).add(name);
    }
    Conditions.put(
        status,
        Conditions.kubevirt("Progressing", false, "Operation complete", null),
        Conditions.kubevirt("Ready", true, "Ready", null));
    return status;
  }

  static ObjectNode failed(ObjectNode snapshot, String message) {
    ObjectNode status = current(snapshot);
    status.put("phase", "Failed");
    status.put("readyToUse", false);
    status.putObject("error").put("time", Conditions.now()).put("message", message);
    Conditions.put(
        status,
        Conditions.kubevirt("Progressing", false, "In error state", null),
        Conditions.kubevirt("Ready", false, "Not ready", null),
        Conditions.kubevirt("Failure", true, message, null));
    return status;
  }

  static ObjectNode contentReady(ObjectNode content, String creationTime) {
    ObjectNode status = current(content);
    status.put("readyToUse", true);
    status.put("creationTime", creationTime);
    ArrayNode volumes = status.putArray("volumeSnapshotStatus");
    for (JsonNode backup : content.at("/spec/volumeBackups")) {
      volumes
          .addObject()
          .put("volumeSnapshotName", backup.path("volumeSnapshotName").asText())
          .put("readyToUse", true)
          .put("creationTime", creationTime);
    }
    return status;
  }

  private static ObjectNode current(ObjectNode object) {
    JsonNode status = object.path("status");
    return status.isObject() ? status.deepCopy() : object.objectNode();
  }
}
