package io.vmclone.sandbox.front;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Forwards one request to the mock API server and returns its whole answer. The mock always gets
 * {@code Accept: application/json}: content negotiation (tables) is the front's business.
 */
final class MockProxy {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI mockBase;
  private final HttpClient http;

  MockProxy(URI mockBase, HttpClient http) {
    this.mockBase = mockBase;
    this.http = http;
  }

  FrontResponse forward(FrontRequest request) throws IOException {
    String query = request.query().encode();
    URI target = mockBase.resolve(request.path() + (query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(target)
            .timeout(TIMEOUT)
            .header("Accept", FrontResponse.JSON)
            .method(request.method(), body(request));
    if (!request.contentType().isEmpty()) {
      builder.header("Content-Type", request.contentType());
    }
    try {
      HttpResponse<byte[]> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new FrontResponse(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(FrontResponse.JSON),
          response.body());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the mock API server", interrupted);
    }
  }

  private static HttpRequest.BodyPublisher body(FrontRequest request) {
    return request.body().length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
  }
}
