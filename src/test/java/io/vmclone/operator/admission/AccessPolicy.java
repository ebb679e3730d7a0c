package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.vmclone.testing.JsonReplies.Reply;
import io.vmclone.testing.TestIdentityApis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Answers SubjectAccessReviews on the mock API server, as an authorizer would: every right is
 * granted except the one a user is denied ({@code "create virtualmachines in prod"}); reviews about
 * the user {@value #BROKEN_USER} fail with 500, as an API server in trouble answers. Keeps every
 * review it answered, so a test can see whom the webhook asked about, and for what.
 */
final class AccessPolicy {

  static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  static final String DENIED_REASON = "no RoleBinding in the namespace grants it";
  static final String BROKEN_USER = "broken";

  private static final List<JsonNode> REVIEWS = Collections.synchronizedList(new ArrayList<>());
  private static Map<String, String> denied = Map.of();

  private AccessPolicy() {}

  /**
   * Answers reviews from now on (through the mock's identity endpoints, {@link TestIdentityApis}),
   * denying each user the right named for them.
   */
  static synchronized void install(KubernetesServer server, Map<String, String> deniedByUser) {
    denied = Map.copyOf(deniedByUser);
    TestIdentityApis.answerAccessReviewsWith(AccessPolicy::answer);
  }

  /** Every review answered so far, oldest first. */
  static List<JsonNode> reviews() {
    synchronized (REVIEWS) {
      return List.copyOf(REVIEWS);
    }
  }

  /** {@code create virtualmachines in prod}, {@code create datavolumes/source in team-a}. */
  static String describe(JsonNode review) {
    JsonNode attributes = review.at("/spec/resourceAttributes");
    String subresource = attributes.path("subresource").asText("");
    return attributes.path("verb").asText()
        + " "
        + attributes.path("resource").asText()
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + " in "
        + attributes.path("namespace").asText();
  }

  private static Reply answer(ObjectNode review) {
    REVIEWS.add(review.deepCopy());
    String user = review.at("/spec/user").asText();
    if (BROKEN_USER.equals(user)) {
      ObjectNode status = ReviewDocuments.JSON.createObjectNode();
      status.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure");
      status.put("code", 500).put("reason", "InternalError").put("message", "etcd is unhappy");
      return new Reply(500, status);
    }
    boolean allowed = !describe(review).equals(denied.get(user));
    ObjectNode status = review.putObject("status").put("allowed", allowed);
    if (!allowed) {
      status.put("reason", DENIED_REASON);
    }
    return new Reply(201, review);
  }
}
