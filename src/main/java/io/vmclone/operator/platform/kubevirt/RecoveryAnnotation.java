package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.VmPlatform;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@value VmPlatform#IN_RECOVERY_ANNOTATION} annotation on a source object: the ids of the
 * tasks that are recovering with it, comma-separated (one source can serve several clones). The
 * annotation goes when the last task leaves it.
 *
 * <p>Adding and removing one task read the object and write it back with its resourceVersion
 * (retried on conflicts), since other tasks may come and go on the same source. Removing tries one
 * request first: a JSON patch that removes the annotation if it names exactly this task (its test
 * operation makes that a compare-and-remove, so a task added meanwhile is never lost), the common
 * case after a recovery scan; only when the annotation says something else does it read and write.
 * {@link #set} writes the whole value in one merge patch without reading: for a caller that knows
 * every task recovering with the source.
 */
final class RecoveryAnnotation {

  private final KubeApi api;

  RecoveryAnnotation(KubeApi api) {
    this.api = api;
  }

  void add(KubeVirtResource resource, ObjectRef ref, String taskId) {
    change(resource, ref, taskId, true);
  }

  void remove(KubeVirtResource resource, ObjectRef ref, String taskId) {
    if (!api.jsonPatch(resource, ref.namespace(), ref.name(), removalIfOnly(taskId))) {
      change(resource, ref, taskId, false);
    }
  }

  /**
   * Makes the annotation say exactly these tasks (removes it when there are none), in one request;
   * a missing object is fine.
   */
  void set(KubeVirtResource resource, ObjectRef ref, Set<String> taskIds) {
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
    if (taskIds.isEmpty()) {
      annotations.putNull(VmPlatform.IN_RECOVERY_ANNOTATION);
    } else {
      annotations.put(VmPlatform.IN_RECOVERY_ANNOTATION, String.join(",", taskIds));
    }
    api.mergePatch(resource, ref.namespace(), ref.name(), patch);
  }

  /** Tests that the annotation names exactly the task, and removes it. */
  private static ArrayNode removalIfOnly(String taskId) {
    String path = "/metadata/annotations/" + pointerToken(VmPlatform.IN_RECOVERY_ANNOTATION);
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch.addObject().put("op", "test").put("path", path).put("value", taskId);
    patch.addObject().put("op", "remove").put("path", path);
    return patch;
  }

  /** A key as a JSON pointer's reference token (RFC 6901): '~' and '/' escaped. */
  private static String pointerToken(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private void change(KubeVirtResource resource, ObjectRef ref, String taskId, boolean add) {
    api.modify(
        resource,
        ref.namespace(),
        ref.name(),
        object -> {
          ObjectNode annotations =
              ((ObjectNode) object.get("metadata")).withObjectProperty("annotations");
          Set<String> tasks = parse(annotations.path(VmPlatform.IN_RECOVERY_ANNOTATION).asText(""));
          boolean changed = add ? tasks.add(taskId) : tasks.remove(taskId);
          if (!changed) {
            return null;
          }
          if (tasks.isEmpty()) {
            annotations.remove(VmPlatform.IN_RECOVERY_ANNOTATION);
          } else {
            annotations.put(VmPlatform.IN_RECOVERY_ANNOTATION, String.join(",", tasks));
          }
          return object;
        });
  }

  private static Set<String> parse(String value) {
    Set<String> tasks = new LinkedHashSet<>();
    for (String task : value.split(",")) {
      if (!task.isBlank()) {
        tasks.add(task.trim());
      }
    }
    return tasks;
  }
}
