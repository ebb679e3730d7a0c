package io.vmclone.controlplane;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * One client connection of {@link FaultProxy}, on a thread of its own: reads each request, lets the
 * armed rules act on it, and relays the rest to the API server over an upstream connection of its
 * own (opened on the first request, closed with the client's), watch responses chunk by chunk and
 * WebSocket upgrades as raw bytes both ways. While it relays a watch, {@link #cut()} drops it.
 */
final class ProxiedConnection implements Runnable {

  private final Socket client;
  private final Supplier<Socket> upstreamFactory;
  private final List<FaultRule> rules;
  private final FaultProxy.Observer observer;
  private volatile Socket upstream;
  private InputStream upIn;
  private OutputStream upOut;
  private volatile String watching;
  private volatile boolean cut;

  ProxiedConnection(
      Socket client,
      Supplier<Socket> upstreamFactory,
      List<FaultRule> rules,
      FaultProxy.Observer observer) {
    this.client = client;
    this.upstreamFactory = upstreamFactory;
    this.rules = rules;
    this.observer = observer;
  }

  /** The path of the watch this connection relays now, or null. */
  String watching() {
    return watching;
  }

  /** Closes both sides, as a broken network or a restarted API server would. */
  void cut() {
    cut = true;
    closeQuietly(client);
    Socket up = upstream;
    if (up != null) {
      closeQuietly(up);
    }
  }

  @Override
  public void run() {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = new BufferedOutputStream(client.getOutputStream());
      for (HttpHead request = HttpHead.read(in); request != null; request = HttpHead.read(in)) {
        observer.seen(request.method() + " " + request.target());
        if (!exchange(request, in, out)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client or the API server went away, or a rule cut the connection.
    } finally {
      observer.closed(this);
      cut();
    }
  }

  /** Handles one request; false when the connection is done afterwards. */
  private boolean exchange(HttpHead request, InputStream in, OutputStream out) throws IOException {
    boolean upgrade = request.hasToken("Upgrade", "websocket");
    boolean watch = upgrade || isWatch(request.target());
    for (FaultRule rule : rules) {
      if (!rule.take(request.method(), request.path(), watch)) {
        continue;
      }
      switch (rule.kind()) {
        case DELAY -> sleep(rule.delay());
        case ANSWER -> {
          request.copyRequestBody(in, OutputStream.nullOutputStream());
          FaultAnswers.writeError(out, rule.code());
          return true;
        }
        case GONE -> {
          request.copyRequestBody(in, OutputStream.nullOutputStream());
          if (upgrade) {
            FaultAnswers.writeGoneOverWebSocket(request, out);
            return false;
          }
          FaultAnswers.writeGoneOverHttp(out);
          return true;
        }
      }
    }
    return forward(request, upgrade, watch, in, out);
  }

  private boolean forward(
      HttpHead request, boolean upgrade, boolean watch, InputStream in, OutputStream out)
      throws IOException {
    if (request.header("Expect") != null) {
      // The proxy reads the body at once; the client need not wait for the API server's 100.
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      request = request.without("Expect");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    request.copyRequestBody(in, body);
    watching = watch ? request.path() : null;
    try {
      HttpHead response = send(request, body.toByteArray());
      if (response == null) {
        return false;
      }
      response.write(out);
      if (response.status() == 101) {
        out.flush();
        tunnel(in, upOut, upIn, out);
        return false;
      }
      boolean reusable = response.copyResponseBody(request.method(), upIn, out);
      out.flush();
      return reusable && !response.hasToken("Connection", "close");
    } finally {
      watching = null;
    }
  }

  /**
   * Sends the request upstream and reads the head of the answer; null when none came. A kept-alive
   * connection the API server closed meanwhile is replaced once, as an HTTP client would do.
   */
  private HttpHead send(HttpHead request, byte[] body) throws IOException {
    for (int attempt = 1; ; attempt++) {
      if (upstream == null) {
        upstream = upstreamFactory.get();
        upIn = new BufferedInputStream(upstream.getInputStream());
        upOut = new BufferedOutputStream(upstream.getOutputStream());
      }
      try {
        request.write(upOut);
        upOut.write(body);
        upOut.flush();
        HttpHead response = HttpHead.read(upIn);
        if (response != null || attempt > 1 || cut) {
          return response;
        }
      } catch (IOException e) {
        if (attempt > 1 || cut) {
          throw e;
        }
      }
      closeQuietly(upstream);
      upstream = null;
    }
  }

  /** After a WebSocket upgrade: bytes both ways until either side closes. */
  private void tunnel(InputStream in, OutputStream upOut, InputStream upIn, OutputStream out)
      throws IOException {
    watching = watching == null ? "websocket" : watching;
    Thread back =
        new Thread(
            () -> {
              try {
                in.transferTo(upOut);
                upOut.flush();
              } catch (IOException e) {
                // either side closed
              } finally {
                cut();
              }
            },
            "fault-proxy-tunnel");
    back.setDaemon(true);
    back.start();
    byte[] buffer = new byte[16 * 1024];
    for (int read = upIn.read(buffer); read >= 0; read = upIn.read(buffer)) {
      out.write(buffer, 0, read);
      out.flush();
    }
  }

  static boolean isWatch(String target) {
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    String params = query < 0 ? "" : "&" + target.substring(query + 1) + "&";
    return path.contains("/watch/")
        || params.contains("&watch=true&")
        || params.contains("&watch=1&");
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
