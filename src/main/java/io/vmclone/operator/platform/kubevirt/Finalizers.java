package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.PlatformException;

/**
 * Adds and removes one finalizer on any KubeVirt or CDI object, idempotently, by full update with
 * the resourceVersion (the list is rewritten whole, so no merge can duplicate an entry).
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
        api.modify(
            resource,
            ref.namespace(),
            ref.name(),
            object -> {
              if (has(object, finalizer)) {
                return null;
              }
              if (object.at("/metadata/deletionTimestamp").isTextual()) {
                throw new PlatformException(Reasons.SOURCE_NOT_FOUND, ref + " is being deleted");
              }
              finalizers(object).add(finalizer);
              return object;
            });
    if (result.isEmpty()) {
      throw new PlatformException(Reasons.SOURCE_NOT_FOUND, ref + " does not exist");
    }
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
