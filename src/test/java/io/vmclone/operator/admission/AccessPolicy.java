package io.vmclone.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

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
    server.expect().post().withPath(PATH).andReply(new Replies()).always();
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

  private record Reply(int code, JsonNode body) {}

  /** The mock asks for the code and the body separately; the request's body can be read once. */
  private static final class Replies implements ResponseProvider<Object> {
    private final Map<RecordedRequest, Reply> replies =
        Collections.synchronizedMap(new WeakHashMap<>());
    private Headers headers = Headers.builder().build();

    @Override
    public int getStatusCode(RecordedRequest request) {
      return reply(request).code();
    }

    @Override
    public Object getBody(RecordedRequest request) {
      return reply(request).body();
    }

    @Override
    public Headers getHeaders() {
      return headers;
    }

    @Override
    public void setHeaders(Headers headers) {
      this.headers = headers;
    }

    private Reply reply(RecordedRequest request) {
      return replies.computeIfAbsent(request, r -> answer(r.getUtf8Body()));
    }
  }

  private static Reply answer(String body) {
    ObjectNode review;
    try {
      review = (ObjectNode) ReviewDocuments.JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a SubjectAccessReview: " + body, e);
    }
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
