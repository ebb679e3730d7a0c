package io.vmclone.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.vmclone.testing.TestControlPlane;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@link FaultProxy} promises, in front of the JVM's real API server. */
class FaultProxyIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ControlPlane plane;
  private static String namespace;
  private static FaultProxy proxy;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    plane = TestControlPlane.get();
    namespace = TestControlPlane.newNamespace("fault-proxy-it");
    proxy = FaultProxy.start(plane);
    http =
        HttpClient.newBuilder()
            .sslContext(ReadinessProbe.trusting(plane.pki().caPem()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    TestControlPlane.admin()
        .configMaps()
        .inNamespace(namespace)
        .resource(configMap("present"))
        .create();
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void passesTheCallersTokenOnSoTheApiServerJudgesTheCaller() {
    try (KubernetesClient admin = through(User.ADMIN);
        KubernetesClient alice = through("alice")) {
      assertThat(admin.configMaps().inNamespace(namespace).withName("present").get()).isNotNull();
      assertThatThrownBy(() -> alice.configMaps().inNamespace(namespace).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(e.getMessage()).contains("\"alice\"");
              });
    }
  }

  @Test
  void answersTheArmedErrorsAsStatusesThenLetsRequestsThrough() throws Exception {
    String path = configMapPath("present");
    FaultRule failing = proxy.arm(FaultRule.answer("GET", path, 500, 2));
    FaultRule throttling = proxy.arm(FaultRule.answer("GET", path, 429, 1));

    List<HttpResponse<String>> answers = List.of(get(path), get(path), get(path), get(path));

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(500, 500, 429, 200);
    assertThat(JSON.readTree(answers.get(0).body()).path("reason").asText())
        .isEqualTo("InternalError");
    JsonNode throttled = JSON.readTree(answers.get(2).body());
    assertThat(throttled.path("kind").asText()).isEqualTo("Status");
    assertThat(throttled.path("code").asInt()).isEqualTo(429);
    assertThat(answers.get(2).headers().firstValue("Retry-After")).hasValue("1");
    assertThat(JSON.readTree(answers.get(3).body()).path("metadata").path("name").asText())
        .isEqualTo("present");
    assertThat(List.of(failing, throttling)).allMatch(FaultRule::spent);
  }

  @Test
  void holdsArmedRequestsBackBeforeTheyGoOn() throws Exception {
    String path = configMapPath("present");
    proxy.arm(FaultRule.delay("GET", path, Duration.ofMillis(1500), 1));

    long start = System.nanoTime();
    HttpResponse<String> slow = get(path);
    long slowMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(slow.statusCode()).isEqualTo(200);
    assertThat(slowMillis).isGreaterThanOrEqualTo(1500);
  }

  @Test
  void answersAnArmedWatchWithTheSameExpiredEventAsTheApiServer() {
    // A kind whose watch cache started after the API server (a CRD installed later): the cache
    // holds nothing older than its start, so resourceVersion 1 is too old for it.
    String watchPath =
        "/apis/vmclone.io/v1alpha1/namespaces/" + namespace + "/virtualmachineclones";
    JsonNode real = firstEvent(plane.url(), watchPath + "?watch=true&resourceVersion=1");
    proxy.arm(FaultRule.gone(watchPath, 1));

    JsonNode injected = firstEvent(proxy.url(), watchPath + "?watch=true");

    assertThat(real.path("type").asText()).isEqualTo("ERROR");
    assertThat(real.path("object").path("code").asInt()).isEqualTo(410);
    for (String field : List.of("kind", "status", "reason", "code")) {
      assertThat(injected.path("object").path(field)).isEqualTo(real.path("object").path(field));
    }
    assertThat(injected.path("type")).isEqualTo(real.path("type"));
  }

  @Test
  void endsAFabric8WatchWithGoneOverItsWebSocket() throws Exception {
    proxy.arm(FaultRule.gone("/api/v1/namespaces/" + namespace + "/configmaps", 1));
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    try (KubernetesClient admin = through(User.ADMIN);
        Watch watch = admin.configMaps().inNamespace(namespace).watch(closingInto(closed))) {
      WatcherException cause = closed.get(30, TimeUnit.SECONDS);
      assertThat(cause.isHttpGone()).isTrue();
    }
  }

  @Test
  void dropsOpenWatchesAndTheClientWatchesAgain() {
    String prefix = "/api/v1/namespaces/" + namespace + "/configmaps";
    List<String> added = new CopyOnWriteArrayList<>();
    try (KubernetesClient admin = through(User.ADMIN);
        Watch watch =
            admin
                .configMaps()
                .inNamespace(namespace)
                .watch(addedInto(added, new CompletableFuture<>()))) {
      await().atMost(Duration.ofSeconds(20)).until(() -> proxy.openWatches(prefix) == 1);
      int watchesBefore = watchRequests(prefix);

      assertThat(proxy.dropWatches(prefix)).isEqualTo(1);

      await().atMost(Duration.ofSeconds(30)).until(() -> watchRequests(prefix) > watchesBefore);
      await().atMost(Duration.ofSeconds(20)).until(() -> proxy.openWatches(prefix) == 1);
      TestControlPlane.admin()
          .configMaps()
          .inNamespace(namespace)
          .resource(configMap("after-the-drop"))
          .create();
      await().atMost(Duration.ofSeconds(20)).until(() -> added.contains("after-the-drop"));
    }
  }

  private static int watchRequests(String prefix) {
    return proxy
        .requests(line -> line.startsWith("GET " + prefix) && line.contains("watch=true"))
        .size();
  }

  private static Watcher<ConfigMap> closingInto(CompletableFuture<WatcherException> closed) {
    return addedInto(new CopyOnWriteArrayList<>(), closed);
  }

  private static Watcher<ConfigMap> addedInto(
      List<String> added, CompletableFuture<WatcherException> closed) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        if (action == Action.ADDED) {
          added.add(resource.getMetadata().getName());
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.complete(cause);
      }
    };
  }

  /**
   * The first line of a watch over chunked HTTP, as the admin. A kind's watch cache answers 429
   * ("storage is (re)initializing", Retry-After 1) until it has started: asked again then.
   */
  private static JsonNode firstEvent(URI server, String target) {
    HttpRequest request =
        HttpRequest.newBuilder(server.resolve(target))
            .header("Authorization", "Bearer " + plane.user(User.ADMIN).token())
            .timeout(Duration.ofSeconds(20))
            .build();
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> firstLineIfOk(request), line -> line != null);
  }

  private static JsonNode firstLineIfOk(HttpRequest request) throws Exception {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() == 429) {
        return null;
      }
      assertThat(response.statusCode()).isEqualTo(200);
      return JSON.readTree(lines.readLine());
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(proxy.url().resolve(path))
            .header("Authorization", "Bearer " + plane.user(User.ADMIN).token())
            .timeout(Duration.ofSeconds(20))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String configMapPath(String name) {
    return "/api/v1/namespaces/" + namespace + "/configmaps/" + name;
  }

  private static KubernetesClient through(String user) {
    return new KubernetesClientBuilder()
        .withConfig(
            new io.fabric8.kubernetes.client.ConfigBuilder(
                    plane.config(plane.user(user).token(), namespace))
                .withMasterUrl(proxy.url().toString())
                .build())
        .build();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withData(Map.of("key", "value"))
        .build();
  }
}
