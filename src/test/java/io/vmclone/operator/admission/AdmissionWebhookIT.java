package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static io.vmclone.operator.admission.ReviewDocuments.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.it.ClusterSetup;
import io.vmclone.testing.PostgresResource;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks over HTTP, as the API server calls them, in the operator's own Quarkus application;
 * SubjectAccessReviews are answered by the mock API server from {@link AccessPolicy}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, https = false, setup = ClusterSetup.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class AdmissionWebhookIT {

  private static final RequesterIdentity BOB =
      new RequesterIdentity("bob", "uid-bob", List.of("contractors", "system:authenticated"));

  @KubernetesTestServer KubernetesServer server;

  @TestHTTPResource("/admission/")
  URI admission;

  private WebhookClient webhooks;

  @BeforeEach
  void answerAccessReviews() {
    AccessPolicy.install(server, Map.of(BOB.username(), "create virtualmachines in prod"));
    webhooks = new WebhookClient(admission);
  }

  @Test
  void stampsTheRequesterOnCreateAndTheStampedCloneIsValid() throws Exception {
    ObjectNode clone = cloneObject("stamped");
    ObjectNode review = create(ALICE, clone);

    JsonNode response = webhooks.mutate(review).response();

    assertThat(response.path("uid").asText()).isEqualTo(ReviewDocuments.uid(review));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    JsonNode patch =
        ReviewDocuments.JSON.readTree(Base64.getDecoder().decode(response.path("patch").asText()));
    ObjectNode patched = (ObjectNode) JsonPatch.apply(patch, clone);
    assertThat(RequesterAnnotation.read(annotations(patched))).contains(ALICE);
    assertThat(webhooks.validate(create(ALICE, patched)).allowed()).isTrue();
  }

  @Test
  void refusesASpoofedRequester() {
    ObjectNode clone = cloneObject("spoofed");
    ((ObjectNode) clone.get("metadata"))
        .putObject("annotations")
        .put(RequesterAnnotation.KEY, RequesterAnnotation.format(BOB));

    WebhookClient.Answer answer = webhooks.mutate(create(ALICE, clone));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.message())
        .isEqualTo(
            "the annotation vmclone.io/requester is set by the operator's admission webhook from"
                + " the authenticated user; a client may not supply it");
  }

  @Test
  void theMutatingWebhookLeavesUpdatesAlone() {
    WebhookClient.Answer answer =
        webhooks.mutate(update(ALICE, cloneObject("kept"), cloneObject("kept")));

    assertThat(answer.allowed()).isTrue();
    assertThat(answer.response().has("patch")).isFalse();
  }

  @Test
  void refusesABadFilter() {
    assertInvalid(
        spec -> spec.putArray("labelFilters").add("app*.example.com"),
        "spec.labelFilters[0]: \"app*.example.com\": '*' is allowed only at the end");
  }

  @Test
  void refusesABadMacAddress() {
    assertInvalid(
        spec -> spec.putObject("newMacAddresses").put("default", "02:00:00:00:00"),
        "spec.newMacAddresses[default]: \"02:00:00:00:00\" is not a MAC address");
  }

  @Test
  void refusesABadPatch() {
    assertInvalid(
        spec -> spec.putArray("patches").add("{\"op\":\"rename\",\"path\":\"/metadata\"}"),
        "spec.patches[0]: ");
  }

  @Test
  void refusesABadTimeout() {
    assertInvalid(
        spec -> spec.putObject("policy").put("timeout", "2 days"),
        "spec.policy.timeout: invalid duration \"2 days\"");
  }

  @Test
  void refusesASpecChangeOnUpdate() {
    ObjectNode after = cloneObject("frozen");
    spec(after).putObject("target").put("name", "elsewhere");

    WebhookClient.Answer answer = webhooks.validate(update(ALICE, cloneObject("frozen"), after));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.message())
        .isEqualTo("spec is immutable once the clone exists (changed: spec.target)");
  }

  @Test
  void refusesARequesterChangeOnUpdate() {
    ObjectNode before = stamped(cloneObject("owned"), ALICE);
    ObjectNode after = stamped(cloneObject("owned"), BOB);

    WebhookClient.Answer answer = webhooks.validate(update(BOB, before, after));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.message())
        .isEqualTo(
            "the annotation vmclone.io/requester cannot be changed after the clone is created: it"
                + " records who asked for the clone");
  }

  @Test
  void admitsAnUpdateThatKeepsSpecAndRequesterAndAnyDelete() {
    ObjectNode before = stamped(cloneObject("steady"), ALICE);
    ObjectNode after = stamped(cloneObject("steady"), ALICE);
    ((ObjectNode) after.get("metadata")).putArray("finalizers").add("vmclone.io/cleanup");

    assertThat(webhooks.validate(update(ALICE, before, after)).allowed()).isTrue();
    assertThat(webhooks.validate(ReviewDocuments.review("DELETE", BOB, null, before)).allowed())
        .isTrue();
  }

  @Test
  void admitsACrossNamespaceCloneWhenTheRequesterHoldsEveryRight() {
    ObjectNode clone = cloneObject("cross-ok");
    spec(clone).putObject("target").put("namespace", "prod");
    int before = AccessPolicy.reviews().size();

    assertThat(webhooks.validate(create(ALICE, clone)).allowed()).isTrue();

    List<JsonNode> asked = AccessPolicy.reviews().subList(before, AccessPolicy.reviews().size());
    assertThat(asked)
        .allSatisfy(
            review -> {
              assertThat(review.at("/spec/user").asText()).isEqualTo("alice");
              assertThat(review.at("/spec/uid").asText()).isEqualTo("uid-alice");
              assertThat(review.at("/spec/groups").toString())
                  .isEqualTo("[\"developers\",\"system:authenticated\"]");
            })
        .extracting(AccessPolicy::describe)
        .contains("create virtualmachines in prod", "create datavolumes in prod");
  }

  @Test
  void refusesACrossNamespaceCloneWithTheRightTheRequesterLacks() {
    ObjectNode clone = cloneObject("cross-denied");
    spec(clone).putObject("target").put("namespace", "prod");

    WebhookClient.Answer answer = webhooks.validate(create(BOB, clone));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.message())
        .isEqualTo(
            "user bob may not create virtualmachines.kubevirt.io in namespace prod ("
                + AccessPolicy.DENIED_REASON
                + ")");
  }

  @Test
  void aFailingAccessReviewDeniesTheCloneAndSaysSo() {
    RequesterIdentity broken = new RequesterIdentity(AccessPolicy.BROKEN_USER, "", List.of());
    ObjectNode clone = cloneObject("cross-unknown");
    spec(clone)
        .putObject("source")
        .put("kind", "VirtualMachine")
        .put("name", "web")
        .put("namespace", "prod");

    WebhookClient.Answer answer = webhooks.validate(create(broken, clone));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(500);
    assertThat(answer.message())
        .isEqualTo(
            "could not check the rights of user broken (SubjectAccessReview failed with code"
                + " 500)");
  }

  @Test
  void aSameNamespaceCloneNeedsNoAccessReview() {
    int before = AccessPolicy.reviews().size();

    assertThat(webhooks.validate(create(BOB, cloneObject("local"))).allowed()).isTrue();

    assertThat(AccessPolicy.reviews()).hasSize(before);
  }

  @Test
  void garbageIsABadRequestWithAMessageAndNoStackTrace() {
    WebhookClient.Raw raw =
        webhooks.post("validate-clone", "{\"apiVersion\": \"admission.k8s.io/v1\",");

    assertThat(raw.status()).isEqualTo(400);
    JsonNode status = raw.json();
    assertThat(status.path("code").asInt()).isEqualTo(400);
    assertThat(status.path("message").asText()).startsWith("the body is not valid JSON");
    assertThat(raw.body()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(webhooks.post("mutate-clone", "[]").status()).isEqualTo(400);
  }

  private void assertInvalid(Consumer<ObjectNode> change, String expected) {
    ObjectNode clone = cloneObject("invalid");
    change.accept(spec(clone));

    WebhookClient.Answer answer = webhooks.validate(create(ALICE, clone));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.response().at("/status/reason").asText()).isEqualTo("Invalid");
    assertThat(answer.message()).startsWith("VirtualMachineClone \"invalid\" is invalid: ");
    assertThat(answer.message()).contains(expected);
  }

  private static ObjectNode stamped(ObjectNode clone, RequesterIdentity requester) {
    ((ObjectNode) clone.get("metadata"))
        .putObject("annotations")
        .put(RequesterAnnotation.KEY, RequesterAnnotation.format(requester));
    return clone;
  }

  private static Map<String, String> annotations(JsonNode clone) {
    return ReviewDocuments.JSON.convertValue(
        clone.at("/metadata/annotations"), new TypeReference<Map<String, String>>() {});
  }
}
