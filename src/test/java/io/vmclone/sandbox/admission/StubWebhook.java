package io.vmclone.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Plays the operator's admission webhooks in tests of the front (the front is what is under test):
 * the mutating one stamps {@link RequesterAnnotation} from the request's userInfo on CREATE and
 * rejects a client-supplied one; the validating one denies a target in namespace {@code restricted}
 * with 403. Every AdmissionReview it receives is kept for assertions.
 */
public final class StubWebhook implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One AdmissionReview received, and at which path. */
  public record Received(String path, JsonNode request) {}

  private final HttpServer server;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

  private StubWebhook(HttpServer server) {
    this.server = server;
  }

  public static StubWebhook start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    StubWebhook stub = new StubWebhook(server);
    server.createContext("/admission/", stub::handle);
    server.start();
    return stub;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode request = MAPPER.readTree(exchange.getRequestBody()).path("request");
    String path = exchange.getRequestURI().getPath();
    received.add(new Received(path, request));
    ObjectNode response =
        path.equals(WebhookAdmission.MUTATE_PATH) ? mutate(request) : validate(request);
    response.put("uid", request.path("uid").asText());
    ObjectNode review = MAPPER.createObjectNode();
    review.put("apiVersion", AdmissionReviews.API_VERSION);
    review.put("kind", "AdmissionReview");
    review.set("response", response);
    byte[] body = MAPPER.writeValueAsBytes(review);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static ObjectNode mutate(JsonNode request) {
    JsonNode annotations = request.path("object").path("metadata").path("annotations");
    if (annotations.has(RequesterAnnotation.KEY)) {
      return denied(
          403, "Forbidden", "the annotation " + RequesterAnnotation.KEY + " is not yours to set");
    }
    JsonNode user = request.path("userInfo");
    List<String> groups = new ArrayList<>();
    user.path("groups").forEach(group -> groups.add(group.asText()));
    String value =
        RequesterAnnotation.format(
            new RequesterIdentity(
                user.path("username").asText(), user.path("uid").asText(""), groups));
    ArrayNode patch = MAPPER.createArrayNode();
    ObjectNode add = patch.addObject().put("op", "add");
    if (annotations.isObject()) {
      add.put("path", "/metadata/annotations/" + RequesterAnnotation.KEY.replace("/", "~1"));
      add.put("value", value);
    } else {
      add.put("path", "/metadata/annotations");
      add.putObject("value").put(RequesterAnnotation.KEY, value);
    }
    ObjectNode response = allowed();
    response.put("patchType", "JSONPatch");
    response.put(
        "patch",
        Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
    return response;
  }

  private static ObjectNode validate(JsonNode request) {
    String target = request.path("object").path("spec").path("target").path("namespace").asText("");
    if (target.equals("restricted")) {
      return denied(
          403,
          "Forbidden",
          "user "
              + request.path("userInfo").path("username").asText()
              + " may not create virtualmachines.kubevirt.io in namespace restricted");
    }
    return allowed();
  }

  private static ObjectNode allowed() {
    return MAPPER.createObjectNode().put("allowed", true);
  }

  private static ObjectNode denied(int code, String reason, String message) {
    ObjectNode response = MAPPER.createObjectNode().put("allowed", false);
    response.putObject("status").put("code", code).put("reason", reason).put("message", message);
    return response;
  }
}
