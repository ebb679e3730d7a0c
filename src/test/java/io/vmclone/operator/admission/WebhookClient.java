package io.vmclone.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Posts AdmissionReviews to the webhooks over HTTPS, as the API server does, trusting the control
 * plane's CA (which issued the operator's serving certificate).
 */
final class WebhookClient {

  private final HttpClient http;
  private final URI base;

  WebhookClient(URI base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder().sslContext(TestControlPlane.get().pki().trustingContext()).build();
  }

  /** The response of a review the webhook answered (HTTP 200 expected). */
  record Answer(JsonNode response) {
    boolean allowed() {
      return response.path("allowed").asBoolean(false);
    }

    int code() {
      return response.at("/status/code").asInt();
    }

    String message() {
      return response.at("/status/message").asText();
    }
  }

  /** What came back for any body. */
  record Raw(int status, String body) {
    JsonNode json() {
      try {
        return ReviewDocuments.JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Answer mutate(ObjectNode review) {
    return answer("mutate-clone", review);
  }

  Answer validate(ObjectNode review) {
    return answer("validate-clone", review);
  }

  Raw post(String hook, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(hook))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Raw(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer answer(String hook, ObjectNode review) {
    Raw raw = post(hook, review.toString());
    if (raw.status() != 200) {
      throw new AssertionError(hook + " answered " + raw.status() + ": " + raw.body());
    }
    JsonNode answer = raw.json();
    if (!"AdmissionReview".equals(answer.path("kind").asText())
        || !"admission.k8s.io/v1".equals(answer.path("apiVersion").asText())
        || !ReviewDocuments.uid(review).equals(answer.at("/response/uid").asText())) {
      throw new AssertionError(hook + " answered no AdmissionReview for this uid: " + raw.body());
    }
    return new Answer(answer.path("response"));
  }
}
