package io.vmclone.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.sandbox.front.ResourcePath;
import io.vmclone.sandbox.front.UserInfo;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code admission.k8s.io/v1} AdmissionReview documents: the request an API server sends a webhook,
 * and what its answer means.
 */
final class AdmissionReviews {

  static final String API_VERSION = "admission.k8s.io/v1";

  /** The webhook's answer: allowed, or denied with a Status; a JSONPatch when it mutates. */
  record Verdict(
      boolean allowed, int code, String reason, String message, Optional<JsonNode> patch) {}

  /** What is being admitted. */
  record Subject(
      String uid,
      ResourcePath path,
      String operation,
      UserInfo user,
      JsonNode object,
      JsonNode oldObject) {}

  private AdmissionReviews() {}

  static ObjectNode request(Subject subject) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode review = json.objectNode();
    review.put("apiVersion", API_VERSION);
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", subject.uid());
    ResourcePath path = subject.path();
    ObjectNode kind = request.putObject("kind");
    kind.put("group", path.group());
    kind.put("version", path.version());
    kind.put("kind", subject.object().path("kind").asText(""));
    ObjectNode resource = request.putObject("resource");
    resource.put("group", path.group());
    resource.put("version", path.version());
    resource.put("resource", path.plural());
    request.set("requestKind", kind.deepCopy());
    request.set("requestResource", resource.deepCopy());
    request.put("name", subject.object().path("metadata").path("name").asText(""));
    request.put("namespace", path.namespace() == null ? "" : path.namespace());
    request.put("operation", subject.operation());
    request.set("userInfo", userInfo(subject.user()));
    request.set("object", subject.object());
    request.set("oldObject", subject.oldObject() == null ? json.nullNode() : subject.oldObject());
    request.put("dryRun", false);
    ObjectNode options = request.putObject("options");
    options.put("apiVersion", "meta.k8s.io/v1");
    options.put("kind", subject.operation().equals("CREATE") ? "CreateOptions" : "UpdateOptions");
    return review;
  }

  /**
   * What the webhook answered to the request with this uid.
   *
   * @throws WebhookUnavailable when the answer is not an AdmissionReview response to it
   */
  static Verdict verdict(JsonNode answer, String uid) throws WebhookUnavailable {
    JsonNode response = answer.path("response");
    if (!response.isObject() || !response.path("allowed").isBoolean()) {
      throw new WebhookUnavailable("the webhook answered no AdmissionReview response");
    }
    if (!uid.equals(response.path("uid").asText())) {
      throw new WebhookUnavailable(
          "expected response.uid=\"" + uid + "\", got \"" + response.path("uid").asText() + "\"");
    }
    JsonNode status = response.path("status");
    Optional<JsonNode> patch = Optional.empty();
    if (response.hasNonNull("patch")) {
      if (!"JSONPatch".equals(response.path("patchType").asText())) {
        throw new WebhookUnavailable(
            "the webhook sent a patch of type \""
                + response.path("patchType").asText()
                + "\", not JSONPatch");
      }
      patch = Optional.of(decode(response.path("patch").asText()));
    }
    return new Verdict(
        response.path("allowed").asBoolean(),
        status.path("code").asInt(0),
        status.path("reason").asText(""),
        status.path("message").asText(""),
        patch);
  }

  private static JsonNode decode(String base64) throws WebhookUnavailable {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(Base64.getDecoder().decode(base64));
    } catch (java.io.IOException | IllegalArgumentException unreadable) {
      throw new WebhookUnavailable("the webhook's patch is not base64-encoded JSON");
    }
  }

  private static ObjectNode userInfo(UserInfo user) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("username", user.username());
    if (!user.uid().isEmpty()) {
      node.put("uid", user.uid());
    }
    user.groups().forEach(node.putArray("groups")::add);
    return node;
  }
}
