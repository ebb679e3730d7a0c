package io.vmclone.controlplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The answers {@link FaultProxy} gives in place of the API server, shaped as the API server shapes
 * them: a {@code Status} object for an error, and for an expired watch an {@code ERROR} event
 * carrying a Status with code 410 and reason {@code Expired}, over chunked HTTP or as a WebSocket
 * text message (the two ways a client watches).
 */
final class FaultAnswers {

  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private FaultAnswers() {}

  /** A Kubernetes Status for the code. */
  static String status(int code, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\""
        + message
        + "\",\"reason\":\""
        + reason(code)
        + "\",\"code\":"
        + code
        + "}";
  }

  /** The watch event the API server sends when the watch's resourceVersion is too old. */
  static String goneEvent() {
    return "{\"type\":\"ERROR\",\"object\":"
        + status(410, "too old resource version (injected by the fault proxy)")
        + "}";
  }

  /** An error answer with a body; 429 carries Retry-After: 1 as the API server's does. */
  static void writeError(OutputStream out, int code) throws IOException {
    byte[] body = status(code, "injected by the fault proxy").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + code
            + " "
            + reason(code)
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n"
            + (code == 429 ? "Retry-After: 1\r\n" : "")
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  /** A watch over chunked HTTP that ends after one ERROR event of code 410. */
  static void writeGoneOverHttp(OutputStream out) throws IOException {
    byte[] event = (goneEvent() + "\n").getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write((Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(event);
    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Accepts the WebSocket upgrade of the request, sends one ERROR event of code 410 as a text
   * message and closes the WebSocket normally; the caller then closes the connection.
   */
  static void writeGoneOverWebSocket(HttpHead request, OutputStream out) throws IOException {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Accept: ")
            .append(accept(request.header("Sec-WebSocket-Key")))
            .append("\r\n");
    String protocols = request.header("Sec-WebSocket-Protocol");
    if (protocols != null && !protocols.isBlank()) {
      head.append("Sec-WebSocket-Protocol: ").append(protocols.split(",")[0].trim()).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(frame(0x1, goneEvent().getBytes(StandardCharsets.UTF_8)));
    out.write(frame(0x8, new byte[] {0x03, (byte) 0xE8}));
    out.flush();
  }

  /** The Sec-WebSocket-Accept for a client's key (RFC 6455, 4.2.2). */
  static String accept(String key) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-1 here", e);
    }
  }

  /** One unmasked, final frame from the server (RFC 6455, 5.2). */
  static byte[] frame(int opcode, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x80 | opcode);
    if (payload.length < 126) {
      frame.write(payload.length);
    } else if (payload.length < 65536) {
      frame.write(126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    } else {
      frame.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) (((long) payload.length >>> shift) & 0xFF));
      }
    }
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private static String reason(int code) {
    return switch (code) {
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 429 -> "TooManyRequests";
      case 503 -> "ServiceUnavailable";
      default -> "InternalError";
    };
  }
}
