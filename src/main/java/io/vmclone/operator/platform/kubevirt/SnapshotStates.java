package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SnapshotState.Phase;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a VirtualMachineSnapshot and its content as {@link SnapshotState}: READY once KubeVirt says
 * it is ready to use and its content is there (which gives the VM as recorded and the volume
 * backups), FAILED on phase Failed or a reported error while not ready, IN_PROGRESS otherwise.
 */
final class SnapshotStates {

  private SnapshotStates() {}

  /** The content's name, as the snapshot reports it or as KubeVirt derives it from the UID. */
  static String contentName(JsonNode snapshot) {
    JsonNode named = snapshot.at("/status/virtualMachineSnapshotContentName");
    return named.isTextual()
        ? named.asText()
        : "vmsnapshot-content-" + snapshot.at("/metadata/uid").asText();
  }

  /** The state of the snapshot; {@code content} is its VirtualMachineSnapshotContent once ready. */
  static SnapshotState of(JsonNode snapshot, Optional<ObjectNode> content) {
    JsonNode status = snapshot.path("status");
    boolean ready = status.path("readyToUse").asBoolean(false);
    if (ready && content.isPresent()) {
      return new SnapshotState(
          Phase.READY, "", recordedVm(content.get()), volumeBackups(content.get()));
    }
    if ("Failed".equals(status.path("phase").asText()) || status.at("/error/message").isTextual()) {
      return new SnapshotState(Phase.FAILED, failure(status), null, List.of());
    }
    return new SnapshotState(Phase.IN_PROGRESS, progress(status, ready), null, List.of());
  }

  /** The VM as the content recorded it, with apiVersion and kind like a live VM's manifest. */
  static ObjectNode recordedVm(JsonNode content) {
    ObjectNode vm = content.at("/spec/source/virtualMachine").deepCopy();
    if (!vm.has("apiVersion")) {
      vm.put("apiVersion", KubeVirtResource.VIRTUAL_MACHINE.apiVersion());
    }
    if (!vm.has("kind")) {
      vm.put("kind", KubeVirtResource.VIRTUAL_MACHINE.kind());
    }
    return vm;
  }

  private static List<VolumeBackup> volumeBackups(JsonNode content) {
    List<VolumeBackup> backups = new ArrayList<>();
    for (JsonNode backup : content.at("/spec/volumeBackups")) {
      backups.add(
          new VolumeBackup(
              backup.path("volumeName").asText(),
              backup.path("volumeSnapshotName").asText(null),
              storage(backup.at("/persistentVolumeClaim/spec"))));
    }
    return backups;
  }

  /** {accessModes?, storageClassName?, volumeMode?, resources: {requests: {storage}}}. */
  private static ObjectNode storage(JsonNode claimSpec) {
    ObjectNode storage = JsonNodeFactory.instance.objectNode();
    if (claimSpec.path("accessModes").isArray() && !claimSpec.path("accessModes").isEmpty()) {
      storage.set("accessModes", claimSpec.path("accessModes").deepCopy());
    }
    for (String field : new String[] {"storageClassName", "volumeMode"}) {
      if (claimSpec.path(field).isTextual()) {
        storage.put(field, claimSpec.path(field).asText());
      }
    }
    JsonNode size = claimSpec.at("/resources/requests/storage");
    if (!size.isMissingNode() && !size.isNull()) {
      storage.putObject("resources").putObject("requests").put("storage", size.asText());
    }
    return storage;
  }

  private static String failure(JsonNode status) {
    String error = status.at("/error/message").asText("");
    if (!error.isEmpty()) {
      return error;
    }
    String reason = conditionText(status, "Failure");
    return reason.isEmpty() ? "VirtualMachineSnapshot failed" : reason;
  }

  private static String progress(JsonNode status, boolean ready) {
    if (ready) {
      return "ready, waiting for its VirtualMachineSnapshotContent";
    }
    String progressing = conditionText(status, "Progressing");
    if (!progressing.isEmpty()) {
      return progressing;
    }
    String phase = status.path("phase").asText("");
    return phase.isEmpty() ? "waiting for KubeVirt" : phase;
  }

  /** KubeVirt puts the human text of snapshot conditions in reason, sometimes in message. */
  private static String conditionText(JsonNode status, String type) {
    for (JsonNode condition : status.path("conditions")) {
      if (type.equals(condition.path("type").asText())) {
        String reason = condition.path("reason").asText("");
        String message = condition.path("message").asText("");
        return message.isEmpty() ? reason : reason.isEmpty() ? message : reason + ": " + message;
      }
    }
    return "";
  }
}
