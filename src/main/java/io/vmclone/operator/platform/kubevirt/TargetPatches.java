package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.spec.JsonPatches;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Applies {@code spec.patches} to the finished target manifest, in order, with RFC 6902's
 * strictness (removing a missing member fails, as on the API server) but for one leniency KubeVirt
 * has too: {@code replace} of a member an existing object lacks sets it. KubeVirt applies a clone's
 * patches with evanphx/json-patch v4, which treats such a replace as an add, and its own shapes
 * rely on it: its clone admission's example patch replaces {@code interfaces/0/macAddress}, a
 * member this builder has just removed (the source's MAC is never copied). A replace under a
 * missing object or past an array's end still fails.
 *
 * <p>Patches may change anything but what the workflow relies on: the target's apiVersion, kind,
 * name and namespace (deterministic, they make a retried create find its own VM), the task label
 * (it marks the VM as ours for adoption and cleanup) and {@code spec.runStrategy}/{@code
 * spec.running} (the target is created halted; the clone's own {@code spec.runStrategy} says
 * whether the PowerOn step starts it). A patch that changes one of them is refused, not silently
 * undone, so that the user learns that the patch did not do what it says. A {@code status} a patch
 * adds is dropped: the API server would ignore it.
 */
final class TargetPatches {

  private static final EnumSet<CompatibilityFlags> STRICT =
      EnumSet.of(
          CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT,
          CompatibilityFlags.ALLOW_MISSING_TARGET_OBJECT_ON_REPLACE);

  private TargetPatches() {}

  /** The manifest with every patch applied; the argument is not changed. */
  static ObjectNode apply(ObjectNode target, List<String> patches) {
    if (patches == null || patches.isEmpty()) {
      return target;
    }
    ObjectNode current = target;
    for (int i = 0; i < patches.size(); i++) {
      current = applyOne(current, patches.get(i), i);
    }
    current.remove("status");
    return current;
  }

  private static ObjectNode applyOne(ObjectNode current, String patch, int index) {
    String field = "spec.patches[" + index + "]";
    ArrayNode operations = JsonNodeFactory.instance.arrayNode();
    JsonNode result;
    try {
      operations.add(JsonPatches.parse(patch));
      result = JsonPatch.apply(operations, current, STRICT);
    } catch (JsonPatchException | IllegalArgumentException e) {
      throw Refusals.invalidSpec(field + ": does not apply to the target VM: " + e.getMessage());
    }
    if (!(result instanceof ObjectNode patched)) {
      throw Refusals.invalidSpec(field + ": must not replace the VM manifest with a non-object");
    }
    requireUnchanged(current, patched, field, "apiVersion");
    requireUnchanged(current, patched, field, "kind");
    requireUnchanged(current, patched, field, "metadata", "name");
    requireUnchanged(current, patched, field, "metadata", "namespace");
    requireUnchanged(current, patched, field, "metadata", "labels", VmPlatform.TASK_LABEL);
    requireUnchanged(current, patched, field, "spec", "runStrategy");
    requireUnchanged(current, patched, field, "spec", "running");
    return patched;
  }

  private static void requireUnchanged(
      ObjectNode before, ObjectNode after, String field, String... path) {
    if (!Objects.equals(at(before, path), at(after, path))) {
      throw Refusals.invalidSpec(
          field
              + ": must not change "
              + String.join(".", path)
              + " (the operator relies on it; use spec.target and spec.runStrategy of the clone"
              + " for the target's name, namespace and run strategy)");
    }
  }

  private static JsonNode at(JsonNode root, String... path) {
    JsonNode node = root;
    for (String step : path) {
      node = node == null ? null : node.get(step);
    }
    return node;
  }
}
