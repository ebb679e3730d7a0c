package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.KubeVirtKind;

/** PersistentVolumeClaim specs as CDI derives them from a DataVolume's storage request. */
final class Claims {

  /** What an unknown disk is assumed to hold. */
  static final String DEFAULT_SIZE = "10Gi";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private Claims() {}

  /**
   * The claim spec for a DataVolume spec ({@code spec.storage} or the older {@code spec.pvc}):
   * access modes (ReadWriteOnce unless given), the storage request (10Gi unless given), and the
   * storage class and volume mode when given.
   */
  static ObjectNode specFor(JsonNode dataVolumeSpec) {
    JsonNode storage =
        dataVolumeSpec.path("storage").isObject()
            ? dataVolumeSpec.path("storage")
            : dataVolumeSpec.path("pvc");
    ObjectNode spec = JSON.objectNode();
    if (storage.path("accessModes").isArray() && !storage.path("accessModes").isEmpty()) {
      spec.set("accessModes", storage.path("accessModes").deepCopy());
    } else {
      spec.putArray("accessModes").add("ReadWriteOnce");
    }
    String size = storage.at("/resources/requests/storage").asText(DEFAULT_SIZE);
    spec.putObject("resources").putObject("requests").put("storage", size);
    copyText(storage, spec, "storageClassName");
    copyText(storage, spec, "volumeMode");
    return spec;
  }

  /** The claim CDI creates for a DataVolume, owned by it. */
  static ObjectNode forDataVolume(JsonNode dataVolume) {
    ObjectNode claim =
        JSON.objectNode().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
    ObjectNode metadata = claim.putObject("metadata");
    metadata.put("name", dataVolume.at("/metadata/name").asText());
    metadata.put("namespace", dataVolume.at("/metadata/namespace").asText());
    metadata.putObject("labels").put("app", "containerized-data-importer");
    metadata
        .putArray("ownerReferences")
        .addObject()
        .put("apiVersion", KubeVirtKind.DATA_VOLUME.apiVersion())
        .put("kind", KubeVirtKind.DATA_VOLUME.kind())
        .put("name", dataVolume.at("/metadata/name").asText())
        .put("uid", dataVolume.at("/metadata/uid").asText())
        .put("controller", true)
        .put("blockOwnerDeletion", true);
    claim.set("spec", specFor(dataVolume.path("spec")));
    return claim;
  }

  private static void copyText(JsonNode from, ObjectNode to, String field) {
    if (from.path(field).isTextual()) {
      to.put(field, from.path(field).asText());
    }
  }
}
