package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static io.vmclone.operator.admission.ReviewDocuments.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.it.ForbiddenCalls;
import io.vmclone.operator.it.OnConflict;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks as the real API server calls them: alice and bob create and change clones, the API
 * server sends the operator's webhooks the AdmissionReviews (through real webhook configurations,
 * over HTTPS) and does what they answer; cross-namespace rights are real RBAC, asked with
 * SubjectAccessReviews. What only the endpoint itself promises (a malformed body, a rule the CRD
 * already enforces first) is checked by posting reviews to it directly.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class AdmissionWebhookIT {

  private final KubernetesClient admin = TestControlPlane.admin();

  @TestHTTPResource(value = "/admission/", tls = true)
  URI admission;

  /** Where metrics and health are served (the metrics Service's port), at {@code /q/}. */
  @TestHTTPResource(value = "/", management = true)
  URI management;

  private String namespace;
  private WebhookClient webhooks;

  @BeforeEach
  void grantAliceAndBob() {
    namespace = ConfigProvider.getConfig().getValue(OperatorOnControlPlane.NAMESPACE, String.class);
    Requesters.grant(namespace, List.of("alice", "bob"));
    webhooks = new WebhookClient(admission);
  }

  @AfterEach
  void deleteTheClones() {
    admin.resources(VirtualMachineClone.class).inNamespace(namespace).delete();
  }

  @AfterAll
  static void theOperatorWasRefusedNothing() {
    ForbiddenCalls.assertNone(
        ConfigProvider.getConfig().getValue(OperatorOnControlPlane.NAMESPACE, String.class));
  }

  @Test
  void stampsTheRequesterAsTheApiServerAuthenticatedThem() {
    VirtualMachineClone clone = create("alice", newClone("stamped"));

    assertThat(RequesterAnnotation.read(clone.getMetadata().getAnnotations()))
        .contains(whoAmI("alice"));
  }

  @Test
  void refusesASpoofedRequester() {
    VirtualMachineClone spoofed = newClone("spoofed");
    spoofed.getMetadata().setAnnotations(RequesterAnnotation.of(whoAmI("bob")).orElseThrow());

    assertRefused(() -> create("alice", spoofed), 403, RequesterStamp.SPOOFED);
    assertThat(stored("spoofed")).isNull();
  }

  @Test
  void anUpdateThatKeepsSpecAndRequesterIsAdmittedAndKeepsTheStamp() {
    VirtualMachineClone created = create("alice", newClone("steady"));

    VirtualMachineClone labelled =
        edit("alice", "steady", c -> c.getMetadata().setLabels(Map.of("team", "blue")));

    assertThat(labelled.getMetadata().getLabels()).containsEntry("team", "blue");
    assertThat(labelled.getMetadata().getAnnotations())
        .containsEntry(
            RequesterAnnotation.KEY,
            created.getMetadata().getAnnotations().get(RequesterAnnotation.KEY));
  }

  @Test
  void refusesARequesterChangeOnUpdate() {
    create("alice", newClone("owned"));

    assertRefused(
        () ->
            edit(
                "bob",
                "owned",
                c ->
                    c.getMetadata()
                        .getAnnotations()
                        .putAll(RequesterAnnotation.of(whoAmI("bob")).orElseThrow())),
        403,
        "the annotations vmclone.io/requester and vmclone.io/requester-extra cannot change");
  }

  @Test
  void anyoneWithTheRightMayDeleteAClone() {
    create("alice", newClone("doomed"));

    try (KubernetesClient bob = Requesters.clientAs("bob", namespace)) {
      bob.resources(VirtualMachineClone.class).inNamespace(namespace).withName("doomed").delete();
    }

    await().atMost(Duration.ofSeconds(20)).until(() -> stored("doomed") == null);
  }

  @Test
  void refusesABadFilter() {
    assertInvalid(
        spec -> spec.setLabelFilters(List.of("app*.example.com")),
        "spec.labelFilters[0]: \"app*.example.com\": '*' is allowed only at the end");
  }

  @Test
  void refusesABadMacAddress() {
    assertInvalid(
        spec -> spec.setNewMacAddresses(Map.of("default", "02:00:00:00:00")),
        "spec.newMacAddresses[default]: \"02:00:00:00:00\" is not a MAC address");
  }

  @Test
  void refusesABadPatch() {
    assertInvalid(
        spec -> spec.setPatches(List.of("{\"op\":\"rename\",\"path\":\"/metadata\"}")),
        "spec.patches[0]: ");
  }

  /** The CRD's schema refuses it before any validating webhook is asked. */
  @Test
  void theCrdRefusesABadTimeoutBeforeTheWebhookSeesIt() {
    VirtualMachineClone clone = newClone("slow");
    clone.getSpec().setPolicy(new ClonePolicy(null, "2 days"));

    assertRefused(() -> create("alice", clone), 422, "spec.policy.timeout in body should match");
    assertThat(stored("slow")).isNull();
  }

  /** Once 16.9 s of the webhook's CPU; now the CRD's maxLength refuses it first. */
  @Test
  void theApiServerRefusesAMillionDigitTimeoutNamingTheField() {
    VirtualMachineClone clone = newClone("million");
    clone.getSpec().setPolicy(new ClonePolicy(null, "1".repeat(1_000_000) + "h"));

    assertRefused(() -> create("alice", clone), 422, "spec.policy.timeout: Too long");
    assertThat(stored("million")).isNull();
  }

  @Test
  void theApiServerRefusesATimeoutOfMoreThanAWeek() {
    VirtualMachineClone clone = newClone("eight-days");
    clone.getSpec().setPolicy(new ClonePolicy(null, "192h"));

    assertRefused(() -> create("alice", clone), 422, "must be at most 168h");
    assertThat(stored("eight-days")).isNull();
  }

  /** Once a StackOverflowError in the webhook, answered as a 500. */
  @Test
  void theApiServerRefusesAFiveThousandCharacterPointerNamingTheField() {
    VirtualMachineClone clone = newClone("deep");
    clone
        .getSpec()
        .setPatches(List.of("{\"op\":\"remove\",\"path\":\"/" + "a".repeat(5_000) + "\"}"));

    assertRefused(() -> create("alice", clone), 422, "spec.patches[0]: Too long");
    assertThat(stored("deep")).isNull();
  }

  @Test
  void admitsACrossNamespaceCloneWhenTheRequesterHoldsEveryRight() {
    String other = TestControlPlane.newNamespace("other");
    Requesters.grant(other, List.of("alice"));
    VirtualMachineClone clone = newClone("cross-ok");
    clone.getSpec().setTarget(new CloneTarget(null, other));

    create("alice", clone);

    assertThat(stored("cross-ok")).isNotNull();
  }

  /** Rights are the operator's Authorize step's to check (IdentityIT), not admission's. */
  @Test
  void admitsACrossNamespaceCloneWhateverTheRequesterMayDoThere() {
    String other = TestControlPlane.newNamespace("other");
    VirtualMachineClone clone = newClone("cross-unchecked");
    clone.getSpec().setTarget(new CloneTarget(null, other));

    create("bob", clone);

    assertThat(stored("cross-unchecked")).isNotNull();
  }

  /**
   * Anyone who reaches the webhook can post a review naming any user: the answer must not depend on
   * what that user may do, or the webhook tells the caller another user's rights.
   */
  @Test
  void aPostedReviewGetsTheSameAnswerWhateverTheRightsOfTheUserItNames() {
    String other = TestControlPlane.newNamespace("other");
    Requesters.grant(other, List.of("alice"));
    ObjectNode clone = cloneObject("probe");
    spec(clone).putObject("target").put("namespace", other);

    WebhookClient.Answer mayDoIt = webhooks.validate(createHere(whoAmI("alice"), clone));
    WebhookClient.Answer mayNot = webhooks.validate(createHere(whoAmI("bob"), clone));

    assertThat(mayNot.allowed()).isEqualTo(mayDoIt.allowed()).isTrue();
    assertThat(mayNot.response().path("status")).isEqualTo(mayDoIt.response().path("status"));
  }

  @Test
  void theManagementPortServesMetricsAndNoWebhook() throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(management.resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    WebhookClient.Raw raw =
        new WebhookClient(management.resolve("/admission/"))
            .post("validate-clone", ReviewDocuments.create(ALICE, cloneObject("m")).toString());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(raw.status()).isEqualTo(404);
    assertThat(raw.body()).doesNotContain("AdmissionReview");
  }

  /** The webhook's own immutability rule; on a cluster the CRD's CEL rule refuses first. */
  @Test
  void theValidatingEndpointRefusesASpecChangeOnUpdate() {
    ObjectNode after = cloneObject("frozen");
    spec(after).putObject("target").put("name", "elsewhere");

    WebhookClient.Answer answer = webhooks.validate(update(ALICE, cloneObject("frozen"), after));

    assertThat(answer.allowed()).isFalse();
    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.message())
        .isEqualTo("spec is immutable once the clone exists (changed: spec.target)");
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

  /** A CREATE review of {@code clone} in this test's namespace, sent by {@code user}. */
  private ObjectNode createHere(RequesterIdentity user, ObjectNode clone) {
    ((ObjectNode) clone.get("metadata")).put("namespace", namespace);
    ObjectNode review = ReviewDocuments.create(user, clone);
    ((ObjectNode) review.get("request")).put("namespace", namespace);
    return review;
  }

  private void assertInvalid(Consumer<VirtualMachineCloneSpec> change, String expected) {
    String name = "invalid-" + UUID.randomUUID().toString().substring(0, 6);
    VirtualMachineClone clone = newClone(name);
    change.accept(clone.getSpec());

    assertRefused(
        () -> create("alice", clone),
        422,
        "VirtualMachineClone \"" + name + "\" is invalid: " + expected);
    assertThat(stored(name)).isNull();
  }

  private static void assertRefused(ThrowingCallable call, int code, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(code);
              assertThat(e.getStatus().getMessage()).contains(message);
            });
  }

  /** Who the API server says the user is, as it would tell the webhook. */
  private RequesterIdentity whoAmI(String user) {
    try (KubernetesClient as = Requesters.clientAs(user, namespace)) {
      SelfSubjectReview review =
          as.authentication().v1().selfSubjectReviews().create(new SelfSubjectReview());
      UserInfo info = review.getStatus().getUserInfo();
      return new RequesterIdentity(
          info.getUsername(), info.getUid(), info.getGroups(), info.getExtra());
    }
  }

  private VirtualMachineClone newClone(String name) {
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName(name);
    clone.getMetadata().setNamespace(namespace);
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "web", null));
    clone.setSpec(spec);
    return clone;
  }

  private VirtualMachineClone create(String user, VirtualMachineClone clone) {
    try (KubernetesClient as = Requesters.clientAs(user, namespace)) {
      return as.resources(VirtualMachineClone.class)
          .inNamespace(namespace)
          .resource(clone)
          .create();
    }
  }

  private VirtualMachineClone edit(String user, String name, Consumer<VirtualMachineClone> change) {
    try (KubernetesClient as = Requesters.clientAs(user, namespace)) {
      return OnConflict.retry(
          () ->
              as.resources(VirtualMachineClone.class)
                  .inNamespace(namespace)
                  .withName(name)
                  .edit(
                      clone -> {
                        if (clone.getMetadata().getAnnotations() == null) {
                          clone.getMetadata().setAnnotations(new HashMap<>());
                        }
                        change.accept(clone);
                        return clone;
                      }));
    }
  }

  private VirtualMachineClone stored(String name) {
    return admin.resources(VirtualMachineClone.class).inNamespace(namespace).withName(name).get();
  }
}
