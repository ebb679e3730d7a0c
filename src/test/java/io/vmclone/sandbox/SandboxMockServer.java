package io.vmclone.sandbox;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.MockServerExpectation;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 mock API server in CRUD mode on 127.0.0.1, made fit to run for hours: it answers
 * JOSDK's {@code SelfSubjectRulesReview} (leader election checks its lease rights first), its
 * per-request log lines are silenced, and the requests it records for test assertions are dropped
 * every few seconds so memory stays flat. {@link MockApi}s added with {@link #addApi} answer their
 * paths before the CRUD store (the sandbox's identity APIs).
 */
public final class SandboxMockServer implements AutoCloseable {

  static final String RULES_REVIEW_PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  // JUL keeps loggers weakly; the level would be lost with the logger.
  private static final Logger MOCK_LOG = Logger.getLogger(MockWebServer.class.getName());

  private final KubernetesMockServer server;
  private final ScheduledExecutorService janitor;
  private final KubernetesClient client;
  private final RoutingDispatcher dispatcher;

  private SandboxMockServer(
      MockWebServer web, KubernetesMockServer server, RoutingDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.janitor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "mock-janitor");
              thread.setDaemon(true);
              return thread;
            });
    janitor.scheduleWithFixedDelay(web::reset, 10, 10, TimeUnit.SECONDS);
    this.client = clientFor(baseUri());
  }

  /** Starts the mock on 127.0.0.1 and the given port (0 picks a free one). */
  public static SandboxMockServer start(int port) {
    return start(port, PartitionedStore.EVENTS_KEPT);
  }

  /** Starts the mock, keeping only the newest {@code eventsKept} events. */
  static SandboxMockServer start(int port, int eventsKept) {
    MOCK_LOG.setLevel(Level.WARNING);
    UniqueUids.randomize();
    MockWebServer web = new MockWebServer();
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    RoutingDispatcher dispatcher =
        new RoutingDispatcher(new PartitionedStore(responses, eventsKept));
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()), web, responses, dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    server
        .expect()
        .post()
        .withPath(RULES_REVIEW_PATH)
        .andReply(201, request -> leaseRights())
        .always();
    return new SandboxMockServer(web, server, dispatcher);
  }

  private static SelfSubjectRulesReview leaseRights() {
    return new SelfSubjectRulesReviewBuilder()
        .withNewStatus()
        .withIncomplete(false)
        .addNewResourceRule()
        .withApiGroups("coordination.k8s.io")
        .withResources("leases")
        .withVerbs("*")
        .endResourceRule()
        .endStatus()
        .build();
  }

  /** A fabric8 client for the given API server URL, with no kubeconfig involved. */
  public static KubernetesClient clientFor(URI base) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(base.toString())
            .withNamespace("default")
            .withHttp2Disable(true)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getPort() + "/");
  }

  public int port() {
    return server.getPort();
  }

  /**
   * An expectation answered before the CRUD store (for example an injected error); requests are
   * matched by method and exact path, query string included.
   */
  public MockServerExpectation expect() {
    return server.expect();
  }

  /** A client of this mock; closed with it. */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Answers requests this API claims before the CRUD store sees them; APIs added first win. For
   * APIs a real server computes (reviews, tokens) on any path, where an expectation needs exact
   * paths.
   */
  public void addApi(MockApi api) {
    dispatcher.add(api);
  }

  /**
   * Lets the observer see every request before it is answered; it runs on the mock's event loop, so
   * it must be quick and must not call the mock.
   */
  public void observe(Consumer<RecordedRequest> observer) {
    dispatcher.observe(observer);
  }

  /** The mock's objects, read in process (what a {@link MockApi} must use). */
  public MockStore store() {
    return new MockStore(dispatcher.store());
  }

  @Override
  public void close() {
    janitor.shutdownNow();
    client.close();
    server.destroy();
  }
}
