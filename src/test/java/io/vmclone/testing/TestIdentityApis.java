package io.vmclone.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The API server's identity endpoints for the integration tests, as mock expectations (the CRUD
 * mock answers them with 422): SubjectAccessReview allows everything but what a test denied;
 * TokenRequest issues a random token for the ServiceAccount {@value #SERVICE_ACCOUNT} in namespace
 * {@code default}; TokenReview authenticates the tokens it issued until a test revokes them. State
 * is static because the mock lives as long as the Quarkus application under test.
 */
public final class TestIdentityApis {

  public static final String SERVICE_ACCOUNT = "ci-bot";
  public static final String SERVICE_ACCOUNT_USER =
      "system:serviceaccount:default:" + SERVICE_ACCOUNT;

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
  private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
  private static final Set<String> DENIED = ConcurrentHashMap.newKeySet();
  private static volatile Function<ObjectNode, JsonReplies.Reply> accessReviews =
      TestIdentityApis::defaultAccessReview;

  private TestIdentityApis() {}

  /** Installs the endpoints on a new mock, with the default policy and no denial or revocation. */
  public static void install(KubernetesServer server) {
    DENIED.clear();
    REVOKED.clear();
    answerAccessReviewsByDefault();
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews")
        .andReply(new JsonReplies(review -> accessReviews.apply((ObjectNode) review)))
        .always();
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/default/serviceaccounts/" + SERVICE_ACCOUNT + "/token")
        .andReply(new JsonReplies(TestIdentityApis::tokenRequest))
        .always();
    server
        .expect()
        .post()
        .withPath("/apis/authentication.k8s.io/v1/tokenreviews")
        .andReply(new JsonReplies(TestIdentityApis::tokenReview))
        .always();
  }

  /**
   * Denies {@code user} the verb on the resource from now on, e.g. ("alice", "create",
   * "datavolumes").
   */
  public static void deny(String user, String verb, String resource) {
    DENIED.add(user + " " + verb + " " + resource);
  }

  /** Every token issued so far stops authenticating (as if the ServiceAccount were deleted). */
  public static void revokeTokens() {
    REVOKED.addAll(TOKENS.keySet());
  }

  /** The tokens issued so far. */
  public static Set<String> issuedTokens() {
    return Set.copyOf(TOKENS.keySet());
  }

  /**
   * Answers SubjectAccessReviews with {@code policy} instead of the default one (allow all but what
   * {@link #deny} denied) until {@link #answerAccessReviewsByDefault}.
   */
  public static void answerAccessReviewsWith(Function<ObjectNode, JsonReplies.Reply> policy) {
    accessReviews = policy;
  }

  public static void answerAccessReviewsByDefault() {
    accessReviews = TestIdentityApis::defaultAccessReview;
  }

  private static JsonReplies.Reply defaultAccessReview(ObjectNode review) {
    JsonNode spec = review.path("spec");
    JsonNode attributes = spec.path("resourceAttributes");
    String key =
        spec.path("user").asText()
            + " "
            + attributes.path("verb").asText()
            + " "
            + attributes.path("resource").asText();
    boolean allowed = !DENIED.contains(key);
    ObjectNode status = review.putObject("status").put("allowed", allowed);
    if (!allowed) {
      status.put("reason", "denied by the test");
    }
    return new JsonReplies.Reply(201, review);
  }

  private static JsonReplies.Reply tokenRequest(JsonNode request) {
    ObjectNode review = (ObjectNode) request;
    String token = "test-token-" + UUID.randomUUID();
    TOKENS.put(token, SERVICE_ACCOUNT_USER);
    long seconds = review.path("spec").path("expirationSeconds").asLong(3600);
    review
        .putObject("status")
        .put("token", token)
        .put("expirationTimestamp", Instant.now().plusSeconds(seconds).toString());
    return new JsonReplies.Reply(201, review);
  }

  private static JsonReplies.Reply tokenReview(JsonNode request) {
    ObjectNode review = (ObjectNode) request;
    String token = review.path("spec").path("token").asText();
    String user = TOKENS.get(token);
    boolean authenticated = user != null && !REVOKED.contains(token);
    ObjectNode status = review.putObject("status").put("authenticated", authenticated);
    if (authenticated) {
      status.putObject("user").put("username", user);
    } else {
      status.put("error", "token is not valid");
    }
    return new JsonReplies.Reply(201, review);
  }
}
