package io.vmclone.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.sandbox.front.AdmissionHook;
import io.vmclone.sandbox.front.FrontRequest;
import io.vmclone.sandbox.front.Query;
import io.vmclone.sandbox.front.ResourcePath;
import io.vmclone.sandbox.front.UserInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The front calls the operator's webhooks as an API server does; a stub plays the operator. */
class WebhookAdmissionTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final UserInfo ALICE =
      new UserInfo("alice", "uid-alice", List.of("developers", "system:authenticated"));
  private static final ResourcePath CLONES =
      new ResourcePath("vmclone.io", "v1alpha1", "default", "virtualmachineclones", null, null);
  private static final String CLONE_PATH =
      "/apis/vmclone.io/v1alpha1/namespaces/default/virtualmachineclones";

  private StubWebhook operator;

  @BeforeEach
  void start() throws IOException {
    operator = StubWebhook.start();
  }

  @AfterEach
  void stop() {
    operator.close();
  }

  @Test
  void createIsMutatedThenValidatedWithTheRequestersUserInfo() throws IOException {
    AdmissionHook.Outcome outcome =
        admission(operator.uri()).review(CLONES, create(clone("default")));

    JsonNode stored = body(outcome);
    assertThat(RequesterAnnotation.read(annotations(stored)))
        .hasValueSatisfying(
            requester -> {
              assertThat(requester.username()).isEqualTo("alice");
              assertThat(requester.uid()).isEqualTo("uid-alice");
              assertThat(requester.groups()).containsExactly("developers", "system:authenticated");
            });
    List<StubWebhook.Received> calls = operator.received();
    assertThat(calls)
        .extracting(StubWebhook.Received::path)
        .containsExactly("/admission/mutate-clone", "/admission/validate-clone");
    JsonNode mutateRequest = calls.get(0).request();
    assertThat(mutateRequest.path("operation").asText()).isEqualTo("CREATE");
    assertThat(mutateRequest.path("userInfo").path("username").asText()).isEqualTo("alice");
    assertThat(mutateRequest.path("resource").path("resource").asText())
        .isEqualTo("virtualmachineclones");
    assertThat(mutateRequest.path("namespace").asText()).isEqualTo("default");
    assertThat(mutateRequest.path("object").path("metadata").path("namespace").asText())
        .isEqualTo("default");
    assertThat(annotations(calls.get(1).request().path("object")))
        .as("the validating webhook sees the mutated object")
        .containsKey(RequesterAnnotation.KEY);
  }

  @Test
  void aDenialIsAnsweredWithTheApiServersWordingAndTheWebhooksCode() {
    AdmissionHook.Outcome outcome =
        admission(operator.uri()).review(CLONES, create(clone("restricted")));

    assertThat(outcome)
        .isEqualTo(
            new AdmissionHook.Denied(
                403,
                "Forbidden",
                "admission webhook \"clone.vmclone.io\" denied the request: user alice may not"
                    + " create virtualmachines.kubevirt.io in namespace restricted"));
  }

  @Test
  void aSpoofedRequesterIsDeniedByTheMutatingWebhook() {
    Map<String, Object> spoofed = clone("default");
    ((Map<String, Object>) spoofed.get("metadata"))
        .put("annotations", Map.of(RequesterAnnotation.KEY, "{\"username\":\"admin\"}"));

    AdmissionHook.Outcome outcome = admission(operator.uri()).review(CLONES, create(spoofed));

    assertThat(outcome).isInstanceOf(AdmissionHook.Denied.class);
    assertThat(((AdmissionHook.Denied) outcome).message())
        .startsWith("admission webhook \"clone.vmclone.io\" denied the request: the annotation");
    assertThat(operator.received()).hasSize(1);
  }

  @Test
  void anUpdateGoesToTheValidatingWebhookOnlyWithTheStoredObjectAsOldObject() throws IOException {
    JsonNode old = MAPPER.valueToTree(clone("default"));
    WebhookAdmission admission =
        WebhookAdmission.of(
            List.of(operator.uri()),
            path -> path.equals(CLONE_PATH + "/c") ? Optional.of(old) : Optional.empty());
    ResourcePath one =
        new ResourcePath("vmclone.io", "v1alpha1", "default", "virtualmachineclones", "c", null);

    AdmissionHook.Outcome outcome =
        admission.review(one, request("PUT", CLONE_PATH + "/c", clone("default")));

    assertThat(outcome).isInstanceOf(AdmissionHook.Allowed.class);
    assertThat(operator.received())
        .extracting(StubWebhook.Received::path)
        .containsExactly("/admission/validate-clone");
    JsonNode review = operator.received().get(0).request();
    assertThat(review.path("operation").asText()).isEqualTo("UPDATE");
    assertThat(review.path("oldObject")).isEqualTo(old);
    assertThat(review.path("name").asText()).isEqualTo("c");
  }

  @Test
  void aReplicaThatDoesNotAnswerOrFailsIsSkipped() throws IOException {
    HttpServer broken = failingServer(503);
    try {
      URI brokenUri = URI.create("http://127.0.0.1:" + broken.getAddress().getPort());

      AdmissionHook.Outcome outcome =
          admission(deadUri(), brokenUri, operator.uri()).review(CLONES, create(clone("default")));

      assertThat(annotations(body(outcome))).containsKey(RequesterAnnotation.KEY);
    } finally {
      broken.stop(0);
    }
  }

  @Test
  void withNoReplicaAnsweringTheWriteFailsClosed() throws IOException {
    URI first = deadUri();
    URI second = deadUri();

    AdmissionHook.Outcome outcome =
        admission(first, second).review(CLONES, create(clone("default")));

    assertThat(outcome).isInstanceOf(AdmissionHook.Denied.class);
    AdmissionHook.Denied denied = (AdmissionHook.Denied) outcome;
    assertThat(denied.code()).isEqualTo(500);
    assertThat(denied.reason()).isEqualTo("InternalError");
    assertThat(denied.message())
        .startsWith(
            "Internal error occurred: failed calling webhook \"clone.vmclone.io\": failed to call"
                + " webhook: Post \""
                + first
                + "/admission/mutate-clone?timeout=10s\": connect: connection refused")
        .contains(second + "/admission/mutate-clone")
        .endsWith("(no operator replica answered)");
  }

  @Test
  void statusWritesAndOtherResourcesAreNotSentToTheWebhooks() {
    ResourcePath status =
        new ResourcePath(
            "vmclone.io", "v1alpha1", "default", "virtualmachineclones", "c", "status");
    ResourcePath vms =
        new ResourcePath("kubevirt.io", "v1", "default", "virtualmachines", null, null);
    FrontRequest statusWrite = request("PUT", CLONE_PATH + "/c/status", clone("restricted"));
    FrontRequest vmCreate = create(clone("restricted"));
    WebhookAdmission admission = admission(operator.uri());

    assertThat(admission.review(status, statusWrite))
        .isEqualTo(new AdmissionHook.Allowed(statusWrite));
    assertThat(admission.review(vms, vmCreate)).isEqualTo(new AdmissionHook.Allowed(vmCreate));
    assertThat(operator.received()).isEmpty();
  }

  private static WebhookAdmission admission(URI... replicas) {
    return WebhookAdmission.of(List.of(replicas), path -> Optional.empty());
  }

  private static Map<String, Object> clone(String targetNamespace) {
    Map<String, Object> metadata = new java.util.HashMap<>(Map.of("name", "c"));
    return new java.util.HashMap<>(
        Map.of(
            "apiVersion",
            "vmclone.io/v1alpha1",
            "kind",
            "VirtualMachineClone",
            "metadata",
            metadata,
            "spec",
            Map.of(
                "source", Map.of("kind", "VirtualMachine", "name", "fedora"),
                "target", Map.of("namespace", targetNamespace))));
  }

  private static FrontRequest create(Map<String, Object> object) {
    return request("POST", CLONE_PATH, object);
  }

  private static FrontRequest request(String method, String path, Map<String, Object> object) {
    try {
      return new FrontRequest(
          method,
          path,
          new Query(List.of()),
          "application/json",
          "application/json",
          MAPPER.writeValueAsBytes(object),
          ALICE);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode body(AdmissionHook.Outcome outcome) throws IOException {
    assertThat(outcome).isInstanceOf(AdmissionHook.Allowed.class);
    return MAPPER.readTree(((AdmissionHook.Allowed) outcome).request().body());
  }

  private static Map<String, String> annotations(JsonNode object) {
    return MAPPER.convertValue(
        object.path("metadata").path("annotations"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
  }

  /** A loopback URL where nothing listens. */
  private static URI deadUri() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private static HttpServer failingServer(int code) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "unavailable".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(code, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }
}
