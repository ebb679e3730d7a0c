package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.VmPlatform;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading an object's labels, and telling our objects from others: by the task label and the
 * creation mark ({@link Ownership}), never by the label alone.
 */
final class Labels {

  private Labels() {}

  static Map<String, String> of(JsonNode object) {
    Map<String, String> labels = new LinkedHashMap<>();
    object
        .at("/metadata/labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return Map.copyOf(labels);
  }

  /** Whether the object (of that resource) is provably one the owner's action created. */
  static boolean isOurs(KubeVirtResource resource, JsonNode object, Ownership owner) {
    return owner.proves(
        resource.kind(),
        object.at("/metadata/namespace").asText(null),
        object.at("/metadata/name").asText(null),
        object.at("/metadata/labels").path(VmPlatform.TASK_LABEL).asText(null),
        object.at("/metadata/annotations").path(Ownership.MARK_ANNOTATION).asText(null));
  }

  /**
   * Gives a manifest about to be created the owner's task label and creation mark, replacing
   * whatever it had there.
   */
  static void mark(KubeVirtResource resource, ObjectNode object, Ownership owner) {
    ObjectNode metadata = object.withObjectProperty("metadata");
    metadata.withObjectProperty("labels").put(VmPlatform.TASK_LABEL, owner.taskId());
    metadata
        .withObjectProperty("annotations")
        .put(
            Ownership.MARK_ANNOTATION,
            owner.mark(
                resource.kind(),
                metadata.path("namespace").asText(null),
                metadata.path("name").asText(null)));
  }
}
