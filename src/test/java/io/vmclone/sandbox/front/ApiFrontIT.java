package io.vmclone.sandbox.front;

import static io.vmclone.sandbox.front.FrontFixture.CLONES;
import static io.vmclone.sandbox.front.FrontFixture.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API front over HTTP, before a real fabric8 mock API server: what kubectl needs and the mock
 * lacks. {@link ApiFrontKubectlIT} drives the same front with kubectl itself.
 */
@Timeout(120)
class ApiFrontIT {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private static FrontFixture cluster;

  @BeforeAll
  static void start() throws IOException {
    AdmissionHook refuseForbiddenNames =
        (path, request) ->
            new String(request.body(), StandardCharsets.UTF_8).contains("\"name\":\"forbidden-")
                ? new AdmissionHook.Denied(403, "Forbidden", "names starting with forbidden-")
                : new AdmissionHook.Allowed(request);
    cluster = FrontFixture.start(List.of(refuseForbiddenNames));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void discoveryListsTheStoredCrdsWithTheirNamesAndTheCoreResources() throws Exception {
    JsonNode groups = cluster.getJson("/apis");
    JsonNode clones = cluster.getJson("/apis/vmclone.io/v1alpha1");
    JsonNode core = cluster.getJson("/api/v1");

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
    assertThat(cluster.getJson("/api").path("versions").toString()).isEqualTo("[\"v1\"]");
    assertThat(cluster.getJson("/version").path("minor").asText()).isEqualTo("32");
    assertThat(cluster.get("/openapi/v3", "application/json").statusCode()).isEqualTo(404);
    assertThat(cluster.get("/apis/nothing.example/v1", "application/json").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aTableRequestGetsTheCrdPrinterColumnsWithTypedCells() throws Exception {
    cluster.createClone("printed", "fedora");
    cluster.patchStatus("printed", Map.of("phase", "Running", "progress", 40, "restarts", 1));

    HttpResponse<String> response = cluster.get(CLONES, TABLE);
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
    cluster.createClone("before-watch", "fedora");
    String listedVersion =
        cluster.getJson(CLONES).path("metadata").path("resourceVersion").asText();
    HttpResponse<InputStream> watch =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        cluster.uri(CLONES + "?watch=true&resourceVersion=" + listedVersion))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
      cluster.createClone("after-watch", "fedora");

      JsonNode event = MAPPER.readTree(nextNonBlank(lines));

      assertThat(watch.statusCode()).isEqualTo(200);
      assertThat(event.path("type").asText()).isEqualTo("ADDED");
      assertThat(event.path("object").path("metadata").path("name").asText())
          .isEqualTo("after-watch");
    }
  }

  @Test
  void eventsAreFilteredByTheInvolvedObjectFieldsDescribeSends() throws Exception {
    cluster.createEvent("about-a", "clone-a", "uid-a");
    cluster.createEvent("about-b", "clone-b", "uid-b");

    JsonNode list =
        cluster.getJson(
            "/api/v1/namespaces/default/events?fieldSelector="
                + "involvedObject.name%3Dclone-a%2CinvolvedObject.namespace%3Ddefault"
                + "%2CinvolvedObject.uid%3Duid-a");

    assertThat(list.path("kind").asText()).isEqualTo("EventList");
    assertThat(list.path("items").findValuesAsText("reason")).containsExactly("Reason-about-a");
  }

  @Test
  void aMissingObjectGetsANotFoundStatusNamingIt() throws Exception {
    HttpResponse<String> response = cluster.get(CLONES + "/nowhere", "application/json");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode status = MAPPER.readTree(response.body());
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
    assertThat(status.path("message").asText())
        .isEqualTo("virtualmachineclones.vmclone.io \"nowhere\" not found");
  }

  @Test
  void anAdmissionHookCanRejectAWriteBeforeTheMockStoresIt() throws Exception {
    String body = MAPPER.writeValueAsString(FrontFixture.cloneManifest("forbidden-one", "fedora"));
    HttpResponse<String> response = cluster.post(CLONES, body);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("names starting with forbidden-");
    assertThat(cluster.clones().withName("forbidden-one").get()).isNull();
  }

  private static JsonNode resource(JsonNode resourceList, String name) {
    for (JsonNode resource : resourceList.path("resources")) {
      if (resource.path("name").asText().equals(name)) {
        return resource;
      }
    }
    return MissingNode.getInstance();
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
