package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.identity.RequesterAnnotation;
import java.util.Map;

/**
 * The mutating webhook's rule: on CREATE, record who sends the request in the requester annotations
 * ({@link RequesterAnnotation}), from the userInfo the API server authenticated. A value the client
 * supplies is refused, never trusted or overwritten silently: a client that sets it is either
 * confused or trying to act as someone else. Other operations pass unchanged. This is convenience,
 * not the guarantee: the API server's requester policy checks the annotations whoever wrote them.
 */
final class RequesterStamp {

  static final String SPOOFED =
      "the annotations "
          + RequesterAnnotation.KEY
          + " and "
          + RequesterAnnotation.EXTRA_KEY
          + " are set by the operator's admission webhook from the authenticated user; a client"
          + " may not supply them";

  static final String UNSTAMPABLE =
      "the authenticated user's name, uid or groups contain a line break (or an extra attribute a"
          + " tab), which the requester annotation cannot record; such a user cannot request"
          + " clones";

  private RequesterStamp() {}

  static Verdict review(CloneReview review) {
    if (review.operation() != Operation.CREATE) {
      return Verdict.allow();
    }
    if (review.requesterAnnotation().isPresent() || review.extraAnnotation().isPresent()) {
      return Verdict.forbidden(SPOOFED);
    }
    if (review.user().isEmpty()) {
      return Verdict.forbidden(
          "the review carries no authenticated user (request.userInfo.username); a clone needs a"
              + " requester");
    }
    return RequesterAnnotation.of(review.user().get())
        .map(annotations -> Verdict.allowWith(patch(review.object(), annotations)))
        .orElseGet(() -> Verdict.forbidden(UNSTAMPABLE));
  }

  /** {@code add} operations: of each annotation, or of the whole map when there is none. */
  static ArrayNode patch(JsonNode object, Map<String, String> annotations) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode operations = json.arrayNode();
    JsonNode metadata = object.path("metadata");
    if (!metadata.isObject()) {
      ObjectNode value =
          operations
              .addObject()
              .put("op", "add")
              .put("path", "/metadata")
              .putObject("value")
              .putObject("annotations");
      annotations.forEach(value::put);
    } else if (!metadata.path("annotations").isObject()) {
      ObjectNode value =
          operations
              .addObject()
              .put("op", "add")
              .put("path", "/metadata/annotations")
              .putObject("value");
      annotations.forEach(value::put);
    } else {
      annotations.forEach(
          (key, value) ->
              operations
                  .addObject()
                  .put("op", "add")
                  .put("path", "/metadata/annotations/" + escape(key))
                  .put("value", value));
    }
    return operations;
  }

  /** RFC 6901: {@code ~} becomes {@code ~0}, then {@code /} becomes {@code ~1}. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
