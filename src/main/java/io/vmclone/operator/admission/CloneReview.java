package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import java.util.Optional;

/**
 * What an AdmissionReview about a VirtualMachineClone asks, read from its {@code request}: the
 * objects stay JSON, exactly as the API server sent them, so that comparisons see what is stored.
 *
 * @param uid {@code request.uid}, echoed in the response
 * @param namespace {@code request.namespace}, else the object's namespace; may be empty
 * @param user {@code request.userInfo}: who sends the request, as the API server authenticated them
 * @param object {@code request.object}; a missing node for DELETE
 * @param oldObject {@code request.oldObject}; a missing node except for UPDATE and DELETE
 */
record CloneReview(
    String uid,
    Operation operation,
    String namespace,
    Optional<RequesterIdentity> user,
    JsonNode object,
    JsonNode oldObject) {

  /** The object's name, or empty (a CREATE with generateName has none yet). */
  String name() {
    return object.path("metadata").path("name").asText("");
  }

  /** The value of the requester annotation on the object, if it carries one. */
  Optional<String> requesterAnnotation() {
    return annotation(object, RequesterAnnotation.KEY);
  }

  /** The value of the requester's extra annotation on the object, if it carries one. */
  Optional<String> extraAnnotation() {
    return annotation(object, RequesterAnnotation.EXTRA_KEY);
  }

  private static Optional<String> annotation(JsonNode resource, String key) {
    JsonNode value = resource.path("metadata").path("annotations").path(key);
    return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
