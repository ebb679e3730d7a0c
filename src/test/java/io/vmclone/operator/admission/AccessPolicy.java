package io.vmclone.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Answers SubjectAccessReviews on the mock API server, as an authorizer would: every right is
 * granted except the one a user is denied ({@code "create virtualmachines in prod"}). Keeps every
 * review it answered, so a test can see whom the webhook asked about, and for what.
 */
final class AccessPolicy {

  static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  static final String DENIED_REASON = "no RoleBinding in the namespace grants it";

  private static final List<JsonNode> REVIEWS = Collections.synchronizedList(new ArrayList<>());
  private static KubernetesServer installedOn;
  private static Map<String, String> denied = Map.of();

  private AccessPolicy() {}

  /** Answers reviews on {@code server} from now on, denying each user the right named for them. */
  static synchronized void install(KubernetesServer server, Map<String, String> deniedByUser) {
    denied = Map.copyOf(deniedByUser);
    if (installedOn == server) {
      return;
    }
    installedOn = server;
    server
        .expect()
        .post()
        .withPath(PATH)
        .andReply(201, request -> answer(request.getBody().readUtf8()))
        .always();
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

  private static JsonNode answer(String body) {
    ObjectNode review;
    try {
      review = (ObjectNode) ReviewDocuments.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a SubjectAccessReview: " + body, e);
    }
    REVIEWS.add(review.deepCopy());
    boolean allowed = !describe(review).equals(denied.get(review.at("/spec/user").asText()));
    ObjectNode status = review.putObject("status").put("allowed", allowed);
    if (!allowed) {
      status.put("reason", DENIED_REASON);
    }
    return review;
  }
}
