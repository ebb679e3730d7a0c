package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The API server kubectl talks to in the sandbox: an HTTP front on the loopback interface that
 * serves what the fabric8 mock API server lacks (discovery, {@code /version}, tables, watches over
 * chunked HTTP, field selectors, Status bodies) and forwards everything else to the mock.
 *
 * <p>Operators and the simulator talk to the mock directly; only people (kubectl) come through
 * here. Each request gets its own thread, since a watch holds one for as long as it runs.
 */
public final class ApiFront implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ApiFront.class.getName());

  /**
   * How to build a front.
   *
   * @param identity authentication over HTTPS and the self reviews; empty serves plain HTTP and
   *     lets everybody in as {@link UserInfo#ANONYMOUS}
   */
  public record Settings(
      int port,
      URI mockBase,
      KubernetesClient mockClient,
      List<AdmissionHook> hooks,
      Optional<FrontIdentity> identity,
      Clock clock,
      Duration watchHeartbeat) {

    public static Settings of(int port, URI mockBase, KubernetesClient mockClient) {
      return new Settings(
          port,
          mockBase,
          mockClient,
          List.of(),
          Optional.empty(),
          Clock.systemUTC(),
          Duration.ofSeconds(10));
    }

    public Settings withHooks(List<AdmissionHook> hooks) {
      return new Settings(port, mockBase, mockClient, hooks, identity, clock, watchHeartbeat);
    }

    public Settings withIdentity(FrontIdentity identity) {
      return new Settings(
          port, mockBase, mockClient, hooks, Optional.of(identity), clock, watchHeartbeat);
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final ResourceCatalog catalog;
  private final ResourceHandler resources;
  private final MockProxy proxy;
  private final Optional<FrontIdentity> identity;

  private ApiFront(HttpServer server, ExecutorService threads, Settings settings) {
    this.server = server;
    this.threads = threads;
    this.identity = settings.identity();
    ObjectMapper mapper = new ObjectMapper();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    this.catalog = new ResourceCatalog(settings.mockClient());
    this.proxy = new MockProxy(settings.mockBase(), http);
    this.resources =
        new ResourceHandler(
            catalog,
            proxy,
            new WatchBridge(settings.mockBase(), http, mapper, settings.watchHeartbeat()),
            new TablePrinter(settings.clock()),
            settings.hooks(),
            mapper);
  }

  /** Starts a front on 127.0.0.1 and the given port (0 picks a free one). */
  public static ApiFront start(Settings settings) throws IOException {
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port());
    HttpServer server;
    if (settings.identity().isPresent()) {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(
          new HttpsConfigurator(settings.identity().get().tls().serverContext()));
      server = https;
    } else {
      server = HttpServer.create(address, 64);
    }
    ExecutorService threads = Executors.newCachedThreadPool(daemonThreads());
    ApiFront front = new ApiFront(server, threads, settings);
    server.createContext("/", front::handle);
    server.setExecutor(threads);
    server.start();
    return front;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Where kubectl finds the front: {@code https://127.0.0.1:PORT}, or http without TLS. */
  public URI uri() {
    return URI.create(
        (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    Optional<UserInfo> user = Optional.empty();
    try {
      user = authenticate(exchange);
      if (user.isEmpty()) {
        Exchanges.send(exchange, Statuses.failure(401, "Unauthorized", "Unauthorized"));
        return;
      }
      route(exchange, Exchanges.read(exchange, user.get()));
    } catch (IOException | RuntimeException failure) {
      LOG.log(Level.WARNING, "request failed: " + exchange.getRequestURI(), failure);
      trySendError(exchange, failure);
    } finally {
      exchange.close();
      // Like an audit log: who did what (never the token).
      String who = user.map(UserInfo::username).orElse("unauthenticated");
      LOG.info(
          () ->
              String.format(
                  "%s %s %s -> %d (%d ms)",
                  who,
                  exchange.getRequestMethod(),
                  exchange.getRequestURI(),
                  exchange.getResponseCode(),
                  (System.nanoTime() - start) / 1_000_000));
    }
  }

  /** As an API server without anonymous access: no token or an unknown one is a 401. */
  private Optional<UserInfo> authenticate(HttpExchange exchange) {
    if (identity.isEmpty()) {
      return Optional.of(UserInfo.ANONYMOUS);
    }
    String token = Exchanges.bearerToken(exchange);
    return token.isEmpty() ? Optional.empty() : identity.get().authenticator().authenticate(token);
  }

  private void route(HttpExchange exchange, FrontRequest request) throws IOException {
    String path = request.path();
    Optional<FrontEndpoint> endpoint =
        identity.stream()
            .flatMap(front -> front.endpoints().stream())
            .filter(candidate -> candidate.answers(request.method(), path))
            .findFirst();
    if (endpoint.isPresent()) {
      FrontEndpoint.Reply reply = endpoint.get().answer(request);
      Exchanges.send(exchange, FrontResponse.json(reply.status(), reply.body()));
    } else if (path.equals("/version")) {
      Exchanges.send(exchange, FrontResponse.json(200, version()));
    } else if (path.startsWith("/openapi") || path.startsWith("/swagger")) {
      Exchanges.send(exchange, Statuses.notFound("the OpenAPI document"));
    } else if (isDiscovery(path)) {
      Optional<? extends JsonNode> document = discovery(path);
      Exchanges.send(
          exchange,
          document
              .map(doc -> FrontResponse.json(200, doc))
              .orElseGet(() -> Statuses.notFound("the API " + path)));
    } else {
      Optional<ResourcePath> resource = ResourcePath.parse(path);
      if (resource.isPresent()) {
        resources.handle(exchange, request, resource.get());
      } else {
        Exchanges.send(exchange, proxy.forward(request));
      }
    }
  }

  private static boolean isDiscovery(String path) {
    String[] parts = path.replaceAll("/+$", "").split("/");
    return (parts.length == 2 && (parts[1].equals("api") || parts[1].equals("apis")))
        || (parts.length == 3 && (parts[1].equals("api") || parts[1].equals("apis")))
        || (parts.length == 4 && parts[1].equals("apis"));
  }

  private Optional<? extends JsonNode> discovery(String path) {
    String[] parts = path.replaceAll("/+$", "").split("/");
    List<ResourceType> types = catalog.all();
    if (parts.length == 2) {
      return Optional.of(
          parts[1].equals("api")
              ? DiscoveryDocuments.apiVersions("127.0.0.1:" + port())
              : DiscoveryDocuments.groupList(types));
    }
    if (parts[1].equals("api")) {
      return DiscoveryDocuments.resourceList(types, "", parts[2]);
    }
    return parts.length == 3
        ? DiscoveryDocuments.group(types, parts[2])
        : DiscoveryDocuments.resourceList(types, parts[2], parts[3]);
  }

  private static ObjectNode version() {
    ObjectNode version = new ObjectMapper().createObjectNode();
    version.put("major", "1");
    version.put("minor", "32");
    version.put("gitVersion", "v1.32.0-vmclone-sandbox");
    version.put("platform", "linux/amd64");
    return version;
  }

  private static void trySendError(HttpExchange exchange, Exception failure) {
    if (exchange.getResponseCode() != -1) {
      return;
    }
    try {
      Exchanges.send(
          exchange, Statuses.failure(500, "InternalError", String.valueOf(failure.getMessage())));
    } catch (IOException | RuntimeException ignored) {
      // the client is gone; nothing left to tell it
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "api-front");
      thread.setDaemon(true);
      return thread;
    };
  }
}
