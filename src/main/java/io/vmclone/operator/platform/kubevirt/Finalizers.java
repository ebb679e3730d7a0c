package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.PlatformException;

/**
 * Adds and removes one finalizer on any KubeVirt or CDI object, idempotently, by full update with
 * the resourceVersion (the list is rewritten whole, so no merge can duplicate an entry). Adding may
 * start from an object the caller has just read ({@link #addTo}), which saves the read whenever the
 * object has not changed since; removing always reads first, since it comes long after any read.
 */
final class Finalizers {

  private final KubeApi api;

  Finalizers(KubeApi api) {
    this.api = api;
  }

  /**
   * Adds the finalizer unless it is there. A missing object, or one being deleted (the API server
   * refuses new finalizers then), is refused with reason {@code SourceNotFound}.
   */
  void add(KubeVirtResource resource, ObjectRef ref, String finalizer) {
    var result =
        api.modify(resource, ref.namespace(), ref.name(), object -> added(object, ref, finalizer));
    if (result.isEmpty()) {
      throw new PlatformException(Reasons.SOURCE_NOT_FOUND, ref + " does not exist");
    }
  }

  /**
   * As {@link #add}, starting from the object as the caller has just read it (it must carry its
   * resourceVersion): one update conditioned on that version, and the read-modify-write of {@link
   * #add} only if the object changed or went away since. The refusals are judged on that read: an
   * object read as being deleted stays so, and is refused without a request.
   */
  void addTo(KubeVirtResource resource, ObjectRef ref, String finalizer, ObjectNode read) {
    ObjectNode changed = added(read.deepCopy(), ref, finalizer);
    if (changed == null || api.replace(resource, changed).isPresent()) {
      return;
    }
    add(resource, ref, finalizer);
  }

  /** Removes the finalizer if it is there; a missing object is fine. */
  void remove(KubeVirtResource resource, ObjectRef ref, String finalizer) {
    api.modify(
        resource,
        ref.namespace(),
        ref.name(),
        object -> {
          if (!has(object, finalizer)) {
            return null;
          }
          ArrayNode kept = object.arrayNode();
          object
              .at("/metadata/finalizers")
              .forEach(
                  f -> {
                    if (!finalizer.equals(f.asText())) {
                      kept.add(f);
                    }
                  });
          ((ObjectNode) object.get("metadata")).set("finalizers", kept);
          return object;
        });
  }

  /** The object with the finalizer, or null if it has it; refuses an object being deleted. */
  private static ObjectNode added(ObjectNode object, ObjectRef ref, String finalizer) {
    if (has(object, finalizer)) {
      return null;
    }
    if (object.at("/metadata/deletionTimestamp").isTextual()) {
      throw new PlatformException(Reasons.SOURCE_NOT_FOUND, ref + " is being deleted");
    }
    finalizers(object).add(finalizer);
    return object;
  }

  private static boolean has(JsonNode object, String finalizer) {
    for (JsonNode existing : object.at("/metadata/finalizers")) {
      if (finalizer.equals(existing.asText())) {
        return true;
      }
    }
    return false;
  }

  private static ArrayNode finalizers(ObjectNode object) {
    ObjectNode metadata = (ObjectNode) object.get("metadata");
    JsonNode existing = metadata.get("finalizers");
    return existing instanceof ArrayNode array ? array : metadata.putArray("finalizers");
  }
}
