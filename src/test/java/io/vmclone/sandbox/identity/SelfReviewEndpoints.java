package io.vmclone.sandbox.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmclone.sandbox.front.FrontEndpoint;
import io.vmclone.sandbox.front.FrontRequest;
import io.vmclone.sandbox.front.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The self reviews kubectl sends, answered for the authenticated user: {@code kubectl auth whoami}
 * (SelfSubjectReview) and {@code kubectl auth can-i} (SelfSubjectAccessReview, from the policy).
 */
final class SelfReviewEndpoints {

  static final String WHOAMI = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
  static final String CAN_I = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private SelfReviewEndpoints() {}

  static List<FrontEndpoint> all(Authorizer authorizer) {
    return List.of(
        endpoint(WHOAMI, SelfReviewEndpoints::whoami),
        endpoint(CAN_I, request -> canI(authorizer, request)));
  }

  private interface Answer {
    FrontEndpoint.Reply answer(FrontRequest request);
  }

  private static FrontEndpoint endpoint(String path, Answer answer) {
    return new FrontEndpoint() {
      @Override
      public boolean answers(String method, String requestPath) {
        return method.equals("POST") && requestPath.equals(path);
      }

      @Override
      public Reply answer(FrontRequest request) {
        return answer.answer(request);
      }
    };
  }

  private static FrontEndpoint.Reply whoami(FrontRequest request) {
    UserInfo user = request.user();
    ObjectNode review = MAPPER.createObjectNode();
    review.put("apiVersion", "authentication.k8s.io/v1");
    review.put("kind", "SelfSubjectReview");
    review.putObject("metadata");
    ObjectNode userInfo = review.putObject("status").putObject("userInfo");
    userInfo.put("username", user.username());
    if (!user.uid().isEmpty()) {
      userInfo.put("uid", user.uid());
    }
    user.groups().forEach(userInfo.putArray("groups")::add);
    return new FrontEndpoint.Reply(201, review);
  }

  private static FrontEndpoint.Reply canI(Authorizer authorizer, FrontRequest request) {
    Optional<AccessRequest> asked;
    try {
      asked = attributes(request);
    } catch (IllegalArgumentException unreadable) {
      return new FrontEndpoint.Reply(
          400, failure("not a SelfSubjectAccessReview: " + unreadable.getMessage()));
    }
    Authorizer.Decision decision =
        asked.isEmpty()
            ? new Authorizer.Decision(
                false, "the sandbox policy has no rules for non-resource URLs")
            : authorizer.decide(request.user(), asked.get());
    ObjectNode review = MAPPER.createObjectNode();
    review.put("apiVersion", "authorization.k8s.io/v1");
    review.put("kind", "SelfSubjectAccessReview");
    review.putObject("metadata");
    asked.ifPresent(
        attributes ->
            review.putObject("spec").set("resourceAttributes", MAPPER.valueToTree(attributes)));
    review.putObject("status").put("allowed", decision.allowed()).put("reason", decision.reason());
    return new FrontEndpoint.Reply(201, review);
  }

  /** kubectl sends protobuf; other clients JSON. */
  private static Optional<AccessRequest> attributes(FrontRequest request) {
    if (request.contentType().startsWith("application/vnd.kubernetes.protobuf")) {
      return ProtobufAccessReview.read(request.body());
    }
    SelfSubjectAccessReview review;
    try {
      review =
          Serialization.unmarshal(
              new String(request.body(), StandardCharsets.UTF_8), SelfSubjectAccessReview.class);
    } catch (RuntimeException notJson) {
      throw new IllegalArgumentException("the body is neither JSON nor protobuf");
    }
    ResourceAttributes attributes =
        review.getSpec() == null ? null : review.getSpec().getResourceAttributes();
    return Optional.ofNullable(attributes)
        .map(
            given ->
                new AccessRequest(
                    given.getVerb(),
                    given.getGroup(),
                    given.getResource(),
                    given.getSubresource(),
                    given.getNamespace(),
                    given.getName()));
  }

  private static JsonNode failure(String message) {
    ObjectNode status = MAPPER.createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("status", "Failure");
    status.put("reason", "BadRequest");
    status.put("message", message);
    status.put("code", 400);
    return status;
  }
}
