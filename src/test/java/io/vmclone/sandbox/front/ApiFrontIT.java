package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vmclone.sandbox.ClusterSeeder;
import io.vmclone.sandbox.KubeconfigWriter;
import io.vmclone.sandbox.SandboxMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API front over HTTP, in front of a real fabric8 mock API server holding the project's CRD and
 * a VirtualMachine CRD: first as raw HTTP, then through kubectl itself.
 */
@Timeout(120)
class ApiFrontIT {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String CLONES =
      "/apis/vmclone.io/v1alpha1/namespaces/default/virtualmachineclones";
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private static SandboxMockServer mock;
  private static ApiFront front;

  @BeforeAll
  static void start() throws IOException {
    mock = SandboxMockServer.start(0);
    ClusterSeeder seeder = new ClusterSeeder(mock.client());
    seeder.storeCrds(Path.of("crds"));
    seeder.storeCrds(Path.of("src/test/resources/sandbox-test/crds"));
    seeder.ensureNamespace("default");
    AdmissionHook refuseForbiddenNames =
        (path, request) ->
            new String(request.body(), StandardCharsets.UTF_8).contains("\"name\":\"forbidden-")
                ? new AdmissionHook.Denied(403, "Forbidden", "names starting with forbidden-")
                : new AdmissionHook.Allowed(request);
    front =
        ApiFront.start(
            ApiFront.Settings.of(0, mock.baseUri(), mock.client())
                .withHooks(List.of(refuseForbiddenNames)));
  }

  @AfterAll
  static void stop() {
    front.close();
    mock.close();
  }

  @Test
  void discoveryListsTheStoredCrdsWithTheirNamesAndTheCoreResources() throws Exception {
    JsonNode groups = getJson("/apis", "application/json");
    JsonNode clones = getJson("/apis/vmclone.io/v1alpha1", "application/json");
    JsonNode core = getJson("/api/v1", "application/json");

    assertThat(groups.findValuesAsText("name"))
        .contains("vmclone.io", "kubevirt.io", "coordination.k8s.io");
    JsonNode clone = resource(clones, "virtualmachineclones");
    assertThat(clone.path("kind").asText()).isEqualTo("VirtualMachineClone");
    assertThat(clone.path("namespaced").asBoolean()).isTrue();
    assertThat(clone.path("singularName").asText()).isEqualTo("virtualmachineclone");
    assertThat(clone.path("shortNames").toString()).isEqualTo("[\"vmclone\",\"vmclones\",\"vmc\"]");
    assertThat(clone.path("categories").toString()).isEqualTo("[\"all\"]");
    assertThat(clone.path("verbs").toString()).contains("\"watch\"", "\"patch\"");
    assertThat(resource(clones, "virtualmachineclones/status").isMissingNode()).isFalse();
    assertThat(core.findValuesAsText("name"))
        .contains("namespaces", "events", "configmaps", "secrets", "serviceaccounts", "pods")
        .contains("persistentvolumeclaims");
    assertThat(getJson("/api", "application/json").path("versions").toString())
        .isEqualTo("[\"v1\"]");
    assertThat(getJson("/version", "application/json").path("minor").asText()).isEqualTo("32");
    assertThat(get("/openapi/v3", "application/json").statusCode()).isEqualTo(404);
    assertThat(get("/apis/nothing.example/v1", "application/json").statusCode()).isEqualTo(404);
  }

  @Test
  void aTableRequestGetsTheCrdPrinterColumnsWithTypedCells() throws Exception {
    createClone("printed", "fedora");
    patchStatus("printed", Map.of("phase", "Running", "progress", 40, "restarts", 1));

    HttpResponse<String> response = get(CLONES, TABLE);
    JsonNode table = MAPPER.readTree(response.body());

    assertThat(response.headers().firstValue("Content-Type")).hasValue(TABLE);
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly(
            "Name", "Phase", "Step", "Progress", "Source", "Target", "Restarts", "Age");
    JsonNode row = rowNamed(table, "printed");
    assertThat(row.path("cells").get(1).asText()).isEqualTo("Running");
    assertThat(row.path("cells").get(2).isNull()).isTrue();
    assertThat(row.path("cells").get(3).isIntegralNumber()).isTrue();
    assertThat(row.path("cells").get(3).asInt()).isEqualTo(40);
    assertThat(row.path("cells").get(4).asText()).isEqualTo("fedora");
    assertThat(row.path("cells").get(7).asText()).matches("\\d+s");
    assertThat(row.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
  }

  @Test
  void aChunkedWatchStreamsOnlyEventsNewerThanTheListedVersion() throws Exception {
    createClone("before-watch", "fedora");
    String listedVersion =
        getJson(CLONES, "application/json").path("metadata").path("resourceVersion").asText();
    HttpResponse<InputStream> watch =
        HTTP.send(
            HttpRequest.newBuilder(front(CLONES + "?watch=true&resourceVersion=" + listedVersion))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new java.io.InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      createClone("after-watch", "fedora");

      JsonNode event = MAPPER.readTree(nextNonBlank(lines));

      assertThat(watch.statusCode()).isEqualTo(200);
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.path("object").path("metadata").path("name").asText())
          .isEqualTo("after-watch");
    }
  }

  @Test
  void eventsAreFilteredByTheInvolvedObjectFieldsDescribeSends() throws Exception {
    createEvent("about-a", "clone-a", "uid-a");
    createEvent("about-b", "clone-b", "uid-b");

    JsonNode list =
        getJson(
            "/api/v1/namespaces/default/events?fieldSelector="
                + "involvedObject.name%3Dclone-a%2CinvolvedObject.namespace%3Ddefault"
                + "%2CinvolvedObject.uid%3Duid-a",
            "application/json");

    assertThat(list.path("kind").asText()).isEqualTo("EventList");
    assertThat(list.path("items").findValuesAsText("reason")).containsExactly("Reason-about-a");
  }

  @Test
  void aMissingObjectGetsANotFoundStatusNamingIt() throws Exception {
    HttpResponse<String> response = get(CLONES + "/nowhere", "application/json");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode status = MAPPER.readTree(response.body());
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    assertThat(status.path("message").asText())
        .isEqualTo("virtualmachineclones.vmclone.io \"nowhere\" not found");
  }

  @Test
  void anAdmissionHookCanRejectAWriteBeforeTheMockStoresIt() throws Exception {
    String body = MAPPER.writeValueAsString(cloneManifest("forbidden-one", "fedora"));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(front(CLONES))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("names starting with forbidden-");
    assertThat(clones().withName("forbidden-one").get()).isNull();
  }

  /** kubectl 1.32 against the front: what the README asks users to type. */
  @Nested
  class WithKubectl {

    @TempDir Path home;
    private Kubectl kubectl;

    @org.junit.jupiter.api.BeforeEach
    void kubeconfig() throws IOException {
      assumeTrue(
          Kubectl.installed(), "kubectl is not installed at " + Kubectl.BINARY + "; skipped");
      Path kubeconfig = home.resolve("kubeconfig");
      KubeconfigWriter.write(
          kubeconfig, "sandbox", URI.create("http://127.0.0.1:" + front.port()), "default");
      kubectl = new Kubectl(kubeconfig, home.resolve("cache"));
    }

    @Test
    void apiResourcesListsTheCloneWithItsShortNames() throws Exception {
      Kubectl.Result result = kubectl.run("api-resources");

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out())
          .containsPattern(
              "virtualmachineclones\\s+vmclone,vmclones,vmc\\s+vmclone.io/v1alpha1\\s+true\\s+VirtualMachineClone")
          .containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease")
          .containsPattern("virtualmachines\\s+vm,vms\\s+kubevirt.io/v1\\s+true\\s+VirtualMachine");
    }

    @Test
    void applyGetDescribeAndDeleteAClone() throws Exception {
      String yaml = MAPPER.writeValueAsString(cloneManifest("by-kubectl", "cirros"));

      Kubectl.Result created = kubectl.runWithInput(yaml, "apply", "--validate=false", "-f", "-");
      Kubectl.Result unchanged = kubectl.runWithInput(yaml, "apply", "--validate=false", "-f", "-");
      patchStatus(
          "by-kubectl", Map.of("phase", "Running", "currentStep", "CopyDisks", "progress", 55));
      createEvent(
          "by-kubectl-started",
          "by-kubectl",
          clones().withName("by-kubectl").get().getMetadata().getUid());
      Kubectl.Result table = kubectl.run("get", "virtualmachineclones");
      Kubectl.Result jsonPath =
          kubectl.run(
              "get", "vmc", "by-kubectl", "-o", "jsonpath={.status.phase}/{.spec.source.name}");
      Kubectl.Result described = kubectl.run("describe", "vmclone", "by-kubectl");
      Kubectl.Result deleted = kubectl.run("delete", "vmc", "by-kubectl");
      Kubectl.Result gone = kubectl.run("get", "vmc", "by-kubectl");

      assertThat(created.out())
          .as(created.err())
          .contains("virtualmachineclone.vmclone.io/by-kubectl created");
      assertThat(unchanged.out()).contains("virtualmachineclone.vmclone.io/by-kubectl unchanged");
      assertThat(table.out())
          .containsPattern(
              "NAME\\s+PHASE\\s+STEP\\s+PROGRESS\\s+SOURCE\\s+TARGET\\s+RESTARTS\\s+AGE")
          .containsPattern("by-kubectl\\s+Running\\s+CopyDisks\\s+55\\s+cirros\\s+\\d+s");
      assertThat(jsonPath.out()).isEqualTo("Running/cirros");
      assertThat(described.out())
          .containsPattern("Name:\\s+by-kubectl")
          .containsPattern("Current Step:\\s+CopyDisks")
          .containsPattern("Normal\\s+Reason-by-kubectl-started\\s+.*message about by-kubectl");
      assertThat(deleted.out()).contains("virtualmachineclone.vmclone.io \"by-kubectl\" deleted");
      assertThat(gone.exitCode()).isNotZero();
      assertThat(gone.err()).contains("virtualmachineclones.vmclone.io \"by-kubectl\" not found");
    }

    @Test
    void getWatchPrintsARowForEachChange() throws Exception {
      createClone("watched", "fedora");
      Process watch = kubectl.start("get", "vmclones", "--watch");
      try {
        BufferedReader lines = Kubectl.lines(watch);
        assertThat(Kubectl.awaitLine(lines, "watched")).contains("fedora");

        patchStatus("watched", Map.of("phase", "Succeeded", "progress", 100));

        assertThat(Kubectl.awaitLine(lines, "Succeeded"))
            .containsPattern("watched\\s+Succeeded\\s+100\\s+fedora");
      } finally {
        watch.destroy();
      }
    }
  }

  private static GenericKubernetesResource cloneManifest(String name, String source) {
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

  private static io.fabric8.kubernetes.client.dsl.MixedOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      clones() {
    KubernetesClient client = mock.client();
    return client.genericKubernetesResources("vmclone.io/v1alpha1", "VirtualMachineClone");
  }

  private static void createClone(String name, String source) {
    clones().inNamespace("default").resource(cloneManifest(name, source)).create();
  }

  private static void patchStatus(String name, Map<String, Object> status) throws IOException {
    String patch =
        MAPPER.writeValueAsString(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    clones()
        .inNamespace("default")
        .withName(name)
        .subresource("status")
        .patch(PatchContext.of(PatchType.JSON), patch);
  }

  private static void createEvent(String name, String objectName, String uid) {
    mock.client()
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withInvolvedObject(
                    new ObjectReferenceBuilder()
                        .withApiVersion("vmclone.io/v1alpha1")
                        .withKind("VirtualMachineClone")
                        .withName(objectName)
                        .withNamespace("default")
                        .withUid(uid)
                        .build())
                .withType("Normal")
                .withReason("Reason-" + name)
                .withMessage("message about " + objectName)
                .withLastTimestamp(java.time.Instant.now().toString())
                .build())
        .create();
  }

  private static URI front(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + front.port() + pathAndQuery);
  }

  private static HttpResponse<String> get(String pathAndQuery, String accept) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(front(pathAndQuery)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(String pathAndQuery, String accept) throws Exception {
    HttpResponse<String> response = get(pathAndQuery, accept);
    assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }

  private static JsonNode resource(JsonNode resourceList, String name) {
    for (JsonNode resource : resourceList.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static JsonNode rowNamed(JsonNode table, String name) {
    List<JsonNode> rows = new ArrayList<>();
    table.path("rows").forEach(rows::add);
    return rows.stream()
        .filter(row -> row.path("cells").get(0).asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in " + table));
  }

  private static String nextNonBlank(BufferedReader lines) throws IOException {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (!line.isBlank()) {
        return line;
      }
    }
    throw new AssertionError("the watch ended without an event");
  }
}
