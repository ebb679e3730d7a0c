package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.TemplateFilters;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.spec.KeyFilters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target's metadata: its own name and namespace, the source's labels and annotations as the
 * clone's filters keep them, and the task label. Nothing else of the source's metadata is kept
 * (uid, resourceVersion, generation, timestamps, owners, finalizers, managedFields belong to the
 * source object).
 *
 * <p>Whatever the filters say, the target never inherits the operator's own bookkeeping ({@code
 * vmclone.io/} labels and annotations, e.g. a source that was itself a clone carries another task's
 * label), kubectl's last-applied configuration (it describes the source) or KubeVirt's {@code
 * restore.kubevirt.io/lastRestoreUID} (which KubeVirt's own clone drops too).
 */
final class TargetMetadata {

  private static final String OPERATOR_PREFIX = "vmclone.io/";
  private static final Set<String> NEVER_COPIED =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration", "restore.kubevirt.io/lastRestoreUID");

  private TargetMetadata() {}

  /** The target's {@code metadata}. */
  static ObjectNode build(ObjectNode sourceVm, TargetVmRequest request) {
    VirtualMachineCloneSpec spec = request.spec();
    ObjectNode metadata = sourceVm.objectNode();
    metadata.put("name", request.targetName());
    metadata.put("namespace", request.targetNamespace());
    ObjectNode source = Manifests.object(sourceVm, "metadata");
    ObjectNode labels =
        filtered(Manifests.object(source, "labels"), KeyFilters.of(spec.getLabelFilters()));
    labels.put(VmPlatform.TASK_LABEL, request.taskId());
    metadata.set("labels", labels);
    ObjectNode annotations =
        filtered(
            Manifests.object(source, "annotations"), KeyFilters.of(spec.getAnnotationFilters()));
    if (!annotations.isEmpty()) {
      metadata.set("annotations", annotations);
    }
    return metadata;
  }

  /** Filters {@code spec.template.metadata} of the target's spec in place. */
  static void filterTemplate(ObjectNode targetSpec, TemplateFilters filters) {
    ObjectNode metadata = Manifests.object(targetSpec, "template", "metadata");
    if (metadata == null) {
      return;
    }
    List<String> labelFilters = filters == null ? null : filters.getLabelFilters();
    List<String> annotationFilters = filters == null ? null : filters.getAnnotationFilters();
    replaceFiltered(metadata, "labels", KeyFilters.of(labelFilters));
    replaceFiltered(metadata, "annotations", KeyFilters.of(annotationFilters));
  }

  private static void replaceFiltered(ObjectNode metadata, String field, KeyFilters filters) {
    if (!(metadata.get(field) instanceof ObjectNode map)) {
      return;
    }
    ObjectNode kept = filtered(map, filters);
    if (kept.isEmpty()) {
      metadata.remove(field);
    } else {
      metadata.set(field, kept);
    }
  }

  private static ObjectNode filtered(ObjectNode map, KeyFilters filters) {
    ObjectNode kept = JsonNodeFactory.instance.objectNode();
    if (map == null) {
      return kept;
    }
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      String key = entry.getKey();
      if (filters.keeps(key) && !key.startsWith(OPERATOR_PREFIX) && !NEVER_COPIED.contains(key)) {
        kept.set(key, entry.getValue().deepCopy());
      }
    }
    return kept;
  }
}
