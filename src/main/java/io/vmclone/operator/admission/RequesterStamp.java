package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;

/**
 * The mutating webhook's rule: on CREATE, record who sends the request in the annotation {@value
 * RequesterAnnotation#KEY}, from the userInfo the API server authenticated. A value the client
 * supplies is refused, never trusted or overwritten silently: a client that sets it is either
 * confused or trying to act as someone else. Other operations pass unchanged.
 */
final class RequesterStamp {

  static final String SPOOFED =
      "the annotation "
          + RequesterAnnotation.KEY
          + " is set by the operator's admission webhook from the authenticated user; a client may"
          + " not supply it";

  private RequesterStamp() {}

  static Verdict review(CloneReview review) {
    if (review.operation() != Operation.CREATE) {
      return Verdict.allow();
    }
    if (review.requesterAnnotation().isPresent()) {
      return Verdict.forbidden(SPOOFED);
    }
    if (review.user().isEmpty()) {
      return Verdict.forbidden(
          "the review carries no authenticated user (request.userInfo.username); a clone needs a"
              + " requester");
    }
    return Verdict.allowWith(patch(review.object(), review.user().get()));
  }

  /** One {@code add}: of the annotation, or of the whole annotations map when there is none. */
  static ArrayNode patch(JsonNode object, RequesterIdentity user) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    String value = RequesterAnnotation.format(user);
    ObjectNode operation = json.objectNode().put("op", "add");
    JsonNode metadata = object.path("metadata");
    if (!metadata.isObject()) {
      operation.put("path", "/metadata");
      operation.putObject("value").putObject("annotations").put(RequesterAnnotation.KEY, value);
    } else if (!metadata.path("annotations").isObject()) {
      operation.put("path", "/metadata/annotations");
      operation.putObject("value").put(RequesterAnnotation.KEY, value);
    } else {
      operation.put("path", "/metadata/annotations/" + escape(RequesterAnnotation.KEY));
      operation.put("value", value);
    }
    return json.arrayNode().add(operation);
  }

  /** RFC 6901: {@code ~} becomes {@code ~0}, then {@code /} becomes {@code ~1}. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
