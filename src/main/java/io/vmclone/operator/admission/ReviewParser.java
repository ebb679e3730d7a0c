package io.vmclone.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterIdentity;
import java.util.Optional;

/**
 * Reads the body of a webhook call: an {@code admission.k8s.io/v1} AdmissionReview about a {@code
 * vmclone.io} VirtualMachineClone. The envelope is read into fabric8's {@link AdmissionRequest};
 * {@code object} and {@code oldObject} stay JSON (no type registration needed, and an object that
 * does not fit the CRD classes is still read, so that it can be denied with a reason instead of
 * failing the call).
 */
final class ReviewParser {

  static final String API_VERSION = "admission.k8s.io/v1";
  static final String KIND = "AdmissionReview";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReviewParser() {}

  /**
   * The review in {@code body}.
   *
   * @throws MalformedReviewException saying what is wrong with it
   */
  static CloneReview parse(String body) {
    JsonNode root = readTree(body);
    requireText(root, "apiVersion", API_VERSION);
    requireText(root, "kind", KIND);
    if (!(root.get("request") instanceof ObjectNode requestNode)) {
      throw new MalformedReviewException("the AdmissionReview has no request object");
    }
    AdmissionRequest request = envelope(requestNode);
    if (request.getUid() == null || request.getUid().isBlank()) {
      throw new MalformedReviewException("request.uid is missing");
    }
    requireClone(request.getKind());
    Operation operation = Operation.parse(request.getOperation());
    JsonNode object = requestNode.path("object");
    JsonNode oldObject = requestNode.path("oldObject");
    if (operation == Operation.CREATE || operation == Operation.UPDATE) {
      requireObject(object, "request.object");
    }
    if (operation == Operation.UPDATE) {
      requireObject(oldObject, "request.oldObject");
    }
    String namespace =
        request.getNamespace() == null || request.getNamespace().isEmpty()
            ? object.path("metadata").path("namespace").asText("")
            : request.getNamespace();
    return new CloneReview(
        request.getUid(), operation, namespace, user(request.getUserInfo()), object, oldObject);
  }

  private static JsonNode readTree(String body) {
    try {
      JsonNode root = MAPPER.readTree(body == null ? "" : body);
      if (root == null || !root.isObject()) {
        throw new MalformedReviewException("the body is not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw new MalformedReviewException("the body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** The request without its objects, read into the fabric8 model. */
  private static AdmissionRequest envelope(ObjectNode requestNode) {
    ObjectNode envelope = requestNode.deepCopy();
    envelope.remove("object");
    envelope.remove("oldObject");
    envelope.remove("options");
    try {
      return MAPPER.treeToValue(envelope, AdmissionRequest.class);
    } catch (JsonProcessingException e) {
      throw new MalformedReviewException(
          "the request does not fit admission.k8s.io/v1: " + e.getOriginalMessage());
    }
  }

  private static void requireText(JsonNode root, String field, String expected) {
    String actual = root.path(field).asText("");
    if (!expected.equals(actual)) {
      throw new MalformedReviewException(
          field + " is \"" + actual + "\", expected \"" + expected + "\"");
    }
  }

  /** A webhook configured for other resources must be noticed, not answered with "allowed". */
  private static void requireClone(GroupVersionKind kind) {
    if (kind == null) {
      return;
    }
    if (!VirtualMachineClone.GROUP.equals(kind.getGroup())
        || !"VirtualMachineClone".equals(kind.getKind())) {
      throw new MalformedReviewException(
          "this webhook reviews vmclone.io VirtualMachineClones, not "
              + kind.getGroup()
              + "/"
              + kind.getKind());
    }
  }

  private static void requireObject(JsonNode node, String field) {
    if (!node.isObject()) {
      throw new MalformedReviewException(field + " is missing or not a JSON object");
    }
  }

  private static Optional<RequesterIdentity> user(UserInfo info) {
    if (info == null || info.getUsername() == null || info.getUsername().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new RequesterIdentity(
            info.getUsername(), info.getUid(), info.getGroups(), info.getExtra()));
  }
}
