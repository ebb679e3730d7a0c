package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.KubeVirtKind;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the VirtualMachineSnapshotContent KubeVirt creates for a snapshot: the VM as it was
 * (simplified metadata and spec) and one volume backup per volume backed by a PVC or DataVolume,
 * each naming the CSI VolumeSnapshot {@code vmsnapshot-<snapshot uid>-volume-<volume>}.
 */
final class SnapshotContents {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String[] KEPT_METADATA = {
    "name", "namespace", "uid", "generation", "labels", "annotations"
  };

  private SnapshotContents() {}

  /** KubeVirt's name for a snapshot's content. */
  static String contentName(JsonNode snapshot) {
    JsonNode named = snapshot.at("/status/virtualMachineSnapshotContentName");
    return named.isTextual()
        ? named.asText()
        : "vmsnapshot-content-" + snapshot.at("/metadata/uid").asText();
  }

  /**
   * The content of the snapshot of the VM.
   *
   * @param claimSpecs the spec of an existing PersistentVolumeClaim by name, for disks whose size
   *     the VM's dataVolumeTemplates do not tell
   */
  static ObjectNode build(
      JsonNode snapshot, JsonNode vm, Function<String, Optional<ObjectNode>> claimSpecs) {
    ObjectNode content = JSON.objectNode();
    content.put("apiVersion", KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT.apiVersion());
    content.put("kind", KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT.kind());
    content
        .putObject("metadata")
        .put("name", contentName(snapshot))
        .put("namespace", snapshot.at("/metadata/namespace").asText());
    ObjectNode spec = content.putObject("spec");
    spec.put("virtualMachineSnapshotName", snapshot.at("/metadata/name").asText());
    ObjectNode recorded = spec.putObject("source").putObject("virtualMachine");
    recorded.set("metadata", simplifiedMetadata(vm.path("metadata")));
    recorded.set("spec", vm.path("spec").deepCopy());
    spec.set("volumeBackups", volumeBackups(snapshot, vm, claimSpecs));
    return content;
  }

  /** The claim behind a VM volume (a PVC or a DataVolume), or null for other volume types. */
  static String claimName(JsonNode volume) {
    if (volume.at("/persistentVolumeClaim/claimName").isTextual()) {
      return volume.at("/persistentVolumeClaim/claimName").asText();
    }
    if (volume.at("/dataVolume/name").isTextual()) {
      return volume.at("/dataVolume/name").asText();
    }
    return null;
  }

  private static ArrayNode volumeBackups(
      JsonNode snapshot, JsonNode vm, Function<String, Optional<ObjectNode>> claimSpecs) {
    String uid = snapshot.at("/metadata/uid").asText();
    ArrayNode backups = JSON.arrayNode();
    for (JsonNode volume : vm.at("/spec/template/spec/volumes")) {
      String claim = claimName(volume);
      if (claim == null) {
        continue;
      }
      String volumeName = volume.path("name").asText();
      ObjectNode backup = backups.addObject().put("volumeName", volumeName);
      ObjectNode pvc = backup.putObject("persistentVolumeClaim");
      pvc.putObject("metadata").put("name", claim);
      pvc.set("spec", claimSpec(vm, claim, claimSpecs));
      backup.put("volumeSnapshotName", "vmsnapshot-" + uid + "-volume-" + volumeName);
    }
    return backups;
  }

  private static ObjectNode claimSpec(
      JsonNode vm, String claim, Function<String, Optional<ObjectNode>> claimSpecs) {
    for (JsonNode template : vm.at("/spec/dataVolumeTemplates")) {
      if (claim.equals(template.at("/metadata/name").asText())) {
        return Claims.specFor(template.path("spec"));
      }
    }
    return claimSpecs
        .apply(claim)
        .map(existing -> Claims.specFor(JSON.objectNode().set("storage", existing)))
        .orElseGet(() -> Claims.specFor(JSON.objectNode()));
  }

  private static ObjectNode simplifiedMetadata(JsonNode metadata) {
    ObjectNode kept = JSON.objectNode();
    for (String field : KEPT_METADATA) {
      if (!metadata.path(field).isMissingNode()) {
        kept.set(field, metadata.path(field).deepCopy());
      }
    }
    return kept;
  }
}
