package io.vmclone.sandbox.front;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/** Reading requests from and writing answers to the JDK HTTP server's exchanges. */
final class Exchanges {

  private Exchanges() {}

  static FrontRequest read(HttpExchange exchange, UserInfo user) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    return new FrontRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        Query.parse(exchange.getRequestURI().getRawQuery()),
        Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Accept"), ""),
        Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Content-Type"), ""),
        body,
        user);
  }

  /** The token of an {@code Authorization: Bearer} header; empty if there is none. */
  static String bearerToken(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return "";
    }
    return header.substring(7).trim();
  }

  static void send(HttpExchange exchange, FrontResponse response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    if (!response.hasBody()) {
      exchange.sendResponseHeaders(response.status(), -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(response.status(), response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    }
  }
}
