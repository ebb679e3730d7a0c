package io.vmclone.controlplane;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of an HTTP/1.1 message (start line and headers) as {@link FaultProxy} relays it, with
 * the framing of the body that follows it: chunked, a Content-Length, or (responses only) until the
 * connection closes. Header names keep their case; lookups ignore it.
 */
final class HttpHead {

  private static final int MAX_LINE = 64 * 1024;

  private final String startLine;
  private final List<String[]> headers;

  HttpHead(String startLine, List<String[]> headers) {
    this.startLine = startLine;
    this.headers = List.copyOf(headers);
  }

  /** Reads a head; null when the stream ends before one starts (the peer closed). */
  static HttpHead read(InputStream in) throws IOException {
    String start = readLine(in);
    while (start != null && start.isEmpty()) {
      start = readLine(in);
    }
    if (start == null) {
      return null;
    }
    List<String[]> headers = new ArrayList<>();
    for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
      }
    }
    return new HttpHead(start, headers);
  }

  String startLine() {
    return startLine;
  }

  /** The request's method. */
  String method() {
    return startLine.split(" ", 3)[0];
  }

  /** The request's target, path and query: {@code /api/v1/namespaces/a/pods?watch=true}. */
  String target() {
    String[] parts = startLine.split(" ", 3);
    return parts.length > 1 ? parts[1] : "/";
  }

  /** The request target's path, without the query. */
  String path() {
    String target = target();
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /** The response's status code. */
  int status() {
    String[] parts = startLine.split(" ", 3);
    return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
  }

  /** The first value of the header, or null. */
  String header(String name) {
    for (String[] header : headers) {
      if (header[0].equalsIgnoreCase(name)) {
        return header[1];
      }
    }
    return null;
  }

  boolean hasToken(String name, String token) {
    String value = header(name);
    return value != null && value.toLowerCase(Locale.ROOT).contains(token);
  }

  /** This head without the header. */
  HttpHead without(String name) {
    List<String[]> kept = new ArrayList<>();
    for (String[] header : headers) {
      if (!header[0].equalsIgnoreCase(name)) {
        kept.add(header);
      }
    }
    return new HttpHead(startLine, kept);
  }

  void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    for (String[] header : headers) {
      text.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Copies the body of this request (chunked or Content-Length; none otherwise). */
  void copyRequestBody(InputStream in, OutputStream out) throws IOException {
    if (hasToken("Transfer-Encoding", "chunked")) {
      copyChunked(in, out, false);
    } else if (header("Content-Length") != null) {
      copyExactly(in, out, Long.parseLong(header("Content-Length")));
    }
  }

  /**
   * Copies the body of this response to a request of the method, flushing after every chunk so that
   * watch events go through as they come. Returns false when the body ran until the connection
   * closed (then the connection is done).
   */
  boolean copyResponseBody(String requestMethod, InputStream in, OutputStream out)
      throws IOException {
    int status = status();
    if (requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304) {
      return true;
    }
    if (hasToken("Transfer-Encoding", "chunked")) {
      copyChunked(in, out, true);
      return true;
    }
    if (header("Content-Length") != null) {
      copyExactly(in, out, Long.parseLong(header("Content-Length")));
      return true;
    }
    in.transferTo(out);
    return false;
  }

  private static void copyChunked(InputStream in, OutputStream out, boolean flushEach)
      throws IOException {
    while (true) {
      String sizeLine = readLine(in);
      if (sizeLine == null) {
        throw new EOFException("chunked body cut short");
      }
      writeLine(out, sizeLine);
      long size = Long.parseLong(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        for (String trailer = readLine(in); ; trailer = readLine(in)) {
          writeLine(out, trailer == null ? "" : trailer);
          if (trailer == null || trailer.isEmpty()) {
            break;
          }
        }
        out.flush();
        return;
      }
      copyExactly(in, out, size);
      readLine(in);
      writeLine(out, "");
      if (flushEach) {
        out.flush();
      }
    }
  }

  private static void copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long left = length;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new EOFException("body cut short");
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A line without its CRLF; null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
  }
}
