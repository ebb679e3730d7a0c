package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.sandbox.MockStore;
import io.vmclone.sandbox.SandboxMockServer;
import io.vmclone.sandbox.admission.WebhookAdmission;
import io.vmclone.sandbox.identity.PolicyFile;
import io.vmclone.sandbox.identity.SandboxIdentity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mock API server holding the project's CRD and a VirtualMachine CRD, with an {@link ApiFront}
 * before it, and the few writes the tests make directly on the mock.
 */
final class FrontFixture implements AutoCloseable {

  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CLONES = "/apis/vmclone.io/v1alpha1/namespaces/default/virtualmachineclones";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final SandboxMockServer mock;
  private final ApiFront front;

  private final Optional<SelfSignedTls> tls;

  private FrontFixture(SandboxMockServer mock, ApiFront front, Optional<SelfSignedTls> tls) {
    this.mock = mock;
    this.front = front;
    this.tls = tls;
  }

  /** The front's certificate, when it serves HTTPS. */
  Optional<SelfSignedTls> tls() {
    return tls;
  }

  static FrontFixture start(List<AdmissionHook> hooks) throws IOException {
    SandboxMockServer mock = seededMock();
    ApiFront front =
        ApiFront.start(ApiFront.Settings.of(0, mock.baseUri(), mock.client()).withHooks(hooks));
    return new FrontFixture(mock, front, Optional.empty());
  }

  /**
   * As the sandbox runs with {@code --policy} and {@code --webhook-url}: kubectl's tokens are
   * checked against the policy and clone writes go through the webhooks at these URLs.
   */
  static FrontFixture startWithIdentity(PolicyFile policy, List<URI> webhooks) throws IOException {
    SandboxMockServer mock = seededMock();
    SandboxIdentity identity = SandboxIdentity.install(mock, policy, Clock.systemUTC());
    MockStore store = mock.store();
    SelfSignedTls tls = SelfSignedTls.generate(Files.createTempDirectory("front-tls"));
    ApiFront front =
        ApiFront.start(
            ApiFront.Settings.of(0, mock.baseUri(), mock.client())
                .withIdentity(identity.front(tls))
                .withHooks(List.of(WebhookAdmission.of(webhooks, store::get))));
    return new FrontFixture(mock, front, Optional.of(tls));
  }

  private static SandboxMockServer seededMock() throws IOException {
    SandboxMockServer mock = SandboxMockServer.start(0);
    ClusterSeeder seeder = ClusterSeeder.forMock(mock.client());
    seeder.storeCrds(Path.of("crds"));
    seeder.storeCrds(Path.of("src/test/resources/sandbox-test/crds"));
    seeder.ensureNamespace("default");
    return mock;
  }

  /** A client of the mock itself (no front, no identity): what the operators use. */
  io.fabric8.kubernetes.client.KubernetesClient mockClient() {
    return mock.client();
  }

  URI uri() {
    return front.uri();
  }

  URI uri(String pathAndQuery) {
    return URI.create(uri() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(pathAndQuery)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  JsonNode getJson(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery, "application/json");
    assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }

  HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static GenericKubernetesResource cloneManifest(String name, String source) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("vmclone.io/v1alpha1")
        .withKind("VirtualMachineClone")
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withAdditionalProperties(
            Map.of("spec", Map.of("source", Map.of("kind", "VirtualMachine", "name", source))))
        .build();
  }

  MixedOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      clones() {
    return mock.client().genericKubernetesResources("vmclone.io/v1alpha1", "VirtualMachineClone");
  }

  void createClone(String name, String source) {
    clones().inNamespace("default").resource(cloneManifest(name, source)).create();
  }

  /** Sets the whole status as the operator does: a JSON patch on the status subresource. */
  void patchStatus(String name, Map<String, Object> status) throws IOException {
    String patch =
        MAPPER.writeValueAsString(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    clones()
        .inNamespace("default")
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  /** A Normal event with reason {@code Reason-NAME} about a clone. */
  void createEvent(String name, String cloneName, String uid) {
    mock.client()
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withInvolvedObject(
                    new ObjectReferenceBuilder()
                        .withApiVersion("vmclone.io/v1alpha1")
                        .withKind("VirtualMachineClone")
                        .withName(cloneName)
                        .withNamespace("default")
                        .withUid(uid)
                        .build())
                .withType("Normal")
                .withReason("Reason-" + name)
                .withMessage("message about " + cloneName)
                .withLastTimestamp(Instant.now().toString())
                .build())
        .create();
  }

  @Override
  public void close() {
    front.close();
    mock.close();
  }
}
