package io.vmclone.simulator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves one {@link AdmissionRule} over the {@code admission.k8s.io/v1} AdmissionReview protocol:
 * reads the review the API server POSTs, answers it with the rule's verdict under the request's
 * uid. A rule that cannot decide (e.g. its SubjectAccessReview fails) answers 500, which the API
 * server treats by the webhook's failure policy.
 */
final class AdmissionEndpoint implements HttpHandler {

  private static final Logger LOG = Logger.getLogger(AdmissionEndpoint.class.getName());
  private static final int MAX_REVIEW_BYTES = 3 * 1024 * 1024;

  private final ObjectMapper mapper = new ObjectMapper();
  private final AdmissionRule rule;

  AdmissionEndpoint(AdmissionRule rule) {
    this.rule = rule;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JsonNode review;
      try (InputStream in = exchange.getRequestBody()) {
        review = mapper.readTree(in.readNBytes(MAX_REVIEW_BYTES));
      }
      byte[] answer;
      try {
        answer = mapper.writeValueAsBytes(answer(review, rule.judge(review.path("request"))));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, rule.path() + " could not judge a request", e);
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private ObjectNode answer(JsonNode review, Verdict verdict) {
    ObjectNode answer = mapper.createObjectNode();
    answer.put("apiVersion", review.path("apiVersion").asText("admission.k8s.io/v1"));
    answer.put("kind", "AdmissionReview");
    ObjectNode response = answer.putObject("response");
    response.put("uid", review.at("/request/uid").asText());
    response.put("allowed", verdict.allowed());
    if (!verdict.allowed()) {
      response
          .putObject("status")
          .put("status", "Failure")
          .put("code", verdict.code())
          .put("reason", verdict.code() == 422 ? "Invalid" : "Forbidden")
          .put("message", verdict.message());
    }
    return answer;
  }
}
