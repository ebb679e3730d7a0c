package io.vmclone.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that a test can cut, as a network partition would: {@link #cut()} closes
 * every open connection and refuses new ones until {@link #restore()}.
 *
 * <p>With several targets it plays a Kubernetes Service in front of replicas: each connection goes
 * to the next target in turn, and to the one after when a target refuses (a replica that is down or
 * restarting). TLS passes through untouched.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final List<Integer> targetPorts;
  private final AtomicInteger next = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  /** A proxy on a free port to one target. */
  public TcpProxy(int targetPort) {
    this(0, List.of(targetPort));
  }

  /** A proxy on this port (0: a free one) to these targets, in turn. */
  public TcpProxy(int listenPort, List<Integer> targetPorts) {
    if (targetPorts.isEmpty()) {
      throw new IllegalArgumentException("a proxy needs a target");
    }
    this.targetPorts = List.copyOf(targetPorts);
    try {
      this.server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public void cut() {
    cut = true;
    open.forEach(TcpProxy::closeQuietly);
    open.clear();
  }

  public void restore() {
    cut = false;
  }

  @Override
  public void close() {
    cut();
    closeQuietly(server);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket upstream;
        try {
          upstream = connectUpstream();
        } catch (IOException refused) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        // Closed server socket, or every target refused: the client sees its connection fail.
      }
    }
  }

  /** The next target that accepts, trying each once. */
  private Socket connectUpstream() throws IOException {
    IOException last = null;
    for (int i = 0; i < targetPorts.size(); i++) {
      int port = targetPorts.get(Math.floorMod(next.getAndIncrement(), targetPorts.size()));
      try {
        return new Socket(InetAddress.getLoopbackAddress(), port);
      } catch (IOException refused) {
        last = refused;
      }
    }
    throw last;
  }

  private void pump(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // Either side closed.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
