package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.platform.VmPlatform;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading an object's labels, and telling our objects (by the task label) from others. */
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

  /** Whether the object carries our task label with this task's id. */
  static boolean isOurs(JsonNode object, String taskId) {
    JsonNode label = object.at("/metadata/labels").path(VmPlatform.TASK_LABEL);
    return taskId != null && taskId.equals(label.asText(null));
  }
}
