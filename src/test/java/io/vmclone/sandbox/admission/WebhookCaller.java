package io.vmclone.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts an AdmissionReview to the operator's webhook, as an API server does through the webhook's
 * Service: the operator replicas' base URLs are tried in order, and the next one is tried when one
 * does not answer or answers with an HTTP error. The first 2xx answer counts.
 */
final class WebhookCaller {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<URI> replicas;
  private final HttpClient http;
  private final Duration timeout;

  WebhookCaller(List<URI> replicas, Duration timeout) {
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("a webhook needs at least one URL");
    }
    this.replicas = List.copyOf(replicas);
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  /** The AdmissionReview a replica answered at this path (e.g. {@code /admission/mutate-clone}). */
  JsonNode call(String path, JsonNode review) throws WebhookUnavailable {
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(review);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    List<String> failures = new ArrayList<>();
    for (URI replica : replicas) {
      URI url = endpoint(replica, path);
      try {
        HttpResponse<byte[]> response =
            http.send(post(url, body), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 == 2) {
          return MAPPER.readTree(response.body());
        }
        failures.add("Post \"" + url + "\": the server answered " + response.statusCode());
      } catch (IOException unreachable) {
        failures.add("Post \"" + url + "\": " + describe(unreachable));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new WebhookUnavailable("interrupted while calling the webhook");
      }
    }
    throw new WebhookUnavailable(
        "failed to call webhook: "
            + String.join("; ", failures)
            + " (no operator replica answered)");
  }

  private HttpRequest post(URI url, byte[] body) {
    return HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private URI endpoint(URI replica, String path) {
    String base = replica.toString().replaceAll("/+$", "");
    return URI.create(base + path + "?timeout=" + timeout.toSeconds() + "s");
  }

  private static String describe(IOException failure) {
    if (failure instanceof java.net.http.HttpTimeoutException) {
      return "context deadline exceeded";
    }
    if (failure instanceof java.net.ConnectException) {
      return "connect: connection refused";
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
