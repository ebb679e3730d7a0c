package io.vmclone.sandbox.front;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves a watch over chunked HTTP (what kubectl sends: a plain GET with {@code watch=true}) from a
 * WebSocket watch on the mock API server (the only kind of watch the mock serves).
 *
 * <p>Each event goes out as one line of JSON, flushed at once. The mock starts every watch by
 * replaying the current objects as ADDED events; those whose resourceVersion is not newer than the
 * one the client asked for are skipped, so {@code kubectl get -w} after its list shows only
 * changes. Field selectors are applied here (the mock ignores most of them). While nothing happens,
 * a bare newline goes out now and then: JSON stream readers skip it, and writing it is how a client
 * that went away is noticed.
 */
final class WatchBridge {

  /** One whole message from the mock, or the end of the watch. */
  private record Frame(String text) {
    static final Frame END = new Frame(null);
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI mockWebSocketBase;
  private final HttpClient http;
  private final ObjectMapper mapper;
  private final Duration heartbeat;

  WatchBridge(URI mockBase, HttpClient http, ObjectMapper mapper, Duration heartbeat) {
    this.mockWebSocketBase = URI.create(mockBase.toString().replaceFirst("^http", "ws"));
    this.http = http;
    this.mapper = mapper;
    this.heartbeat = heartbeat;
  }

  /** Turns one mock event into what the client gets, or nothing to skip it. */
  @FunctionalInterface
  interface EventShaper {
    Optional<JsonNode> shape(String type, JsonNode object);
  }

  /** Streams events until the client or the mock goes away, or timeoutSeconds pass. */
  void stream(HttpExchange exchange, FrontRequest request, String contentType, EventShaper shaper)
      throws IOException {
    long since = resourceVersion(request.query().first("resourceVersion").orElse("0"));
    BlockingQueue<Frame> events = new LinkedBlockingQueue<>();
    WebSocket socket;
    try {
      socket = open(request, events);
    } catch (IOException unreachable) {
      Exchanges.send(
          exchange, Statuses.failure(503, "ServiceUnavailable", unreachable.getMessage()));
      return;
    }
    long deadline = deadline(request.query());
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(200, 0);
      pump(events, out, since, deadline, shaper);
    } catch (IOException clientGone) {
      // the usual end of a watch: the client stopped reading (kubectl get -w interrupted)
    } finally {
      socket.abort();
    }
  }

  private void pump(
      BlockingQueue<Frame> events, OutputStream out, long since, long deadline, EventShaper shaper)
      throws IOException {
    while (System.nanoTime() < deadline) {
      Frame frame;
      try {
        frame = events.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      }
      if (frame == null) {
        out.write('\n');
      } else if (frame == Frame.END) {
        return;
      } else {
        Optional<JsonNode> event = toClientEvent(frame.text(), since, shaper);
        if (event.isPresent()) {
          out.write(mapper.writeValueAsBytes(event.get()));
          out.write('\n');
        }
      }
      out.flush();
    }
  }

  private Optional<JsonNode> toClientEvent(String message, long since, EventShaper shaper) {
    JsonNode event;
    try {
      event = mapper.readTree(message);
    } catch (JsonProcessingException notJson) {
      return Optional.empty();
    }
    String type = event.path("type").asText();
    JsonNode object = event.path("object");
    long version = resourceVersion(object.path("metadata").path("resourceVersion").asText("0"));
    // Only the mock's replay of existing objects comes as stale ADDED events; a DELETED event
    // carries the last stored version of the object, so it is never stale.
    if (type.equals("ADDED") && version <= since) {
      return Optional.empty();
    }
    return shaper
        .shape(type, object)
        .map(
            shaped -> {
              ObjectNode out = mapper.createObjectNode();
              out.put("type", type);
              out.set("object", shaped);
              return out;
            });
  }

  private WebSocket open(FrontRequest request, BlockingQueue<Frame> events) throws IOException {
    Query query =
        request
            .query()
            .without(Set.of("watch", "fieldSelector", "resourceVersion", "timeoutSeconds"))
            .with("watch", "true");
    URI target = mockWebSocketBase.resolve(request.path() + "?" + query.encode());
    try {
      return http.newWebSocketBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .buildAsync(target, new QueueingListener(events))
          .get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException failed) {
      throw new IOException("cannot open a watch on the mock API server: " + failed, failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", interrupted);
    }
  }

  private static long deadline(Query query) {
    long seconds =
        query
            .first("timeoutSeconds")
            .map(WatchBridge::resourceVersion)
            .filter(s -> s > 0)
            .orElse(0L);
    return seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
  }

  private static long resourceVersion(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notANumber) {
      return 0;
    }
  }

  /** Collects whole text messages; END marks that the mock closed the watch. */
  private static final class QueueingListener implements WebSocket.Listener {
    private final BlockingQueue<Frame> events;
    private final StringBuilder partial = new StringBuilder();

    QueueingListener(BlockingQueue<Frame> events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        events.add(new Frame(partial.toString()));
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      return onText(socket, new String(bytes, StandardCharsets.UTF_8), last);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      events.add(Frame.END);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      events.add(Frame.END);
    }
  }
}
