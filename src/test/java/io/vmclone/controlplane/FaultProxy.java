package io.vmclone.controlplane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * An HTTPS proxy in front of a real API server that a test arms with faults ({@link FaultRule}):
 * errors in place of the server's answers (500, 409, 429 with Retry-After), slow answers, watches
 * answered {@code 410 Gone}; and {@link #dropWatches} cuts the watches it relays, as a restarted
 * API server or a broken network would. Everything else goes through untouched: it terminates TLS
 * with a certificate of the control plane's CA (clients keep trusting that CA alone), passes the
 * client's Authorization header on, so the API server sees the real caller, streams watch answers
 * and tunnels WebSocket upgrades. HTTP/1.1 only (it offers no ALPN), a thread per connection.
 */
public final class FaultProxy implements AutoCloseable {

  /** What connections report back to the proxy. */
  interface Observer {
    void seen(String requestLine);

    void closed(ProxiedConnection connection);
  }

  private final ServerSocket server;
  private final URI upstream;
  private final SSLContext upstreamTls;
  private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
  private final Set<ProxiedConnection> open = ConcurrentHashMap.newKeySet();
  private final Queue<String> seen = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  private FaultProxy(ServerSocket server, URI upstream, SSLContext upstreamTls) {
    this.server = server;
    this.upstream = upstream;
    this.upstreamTls = upstreamTls;
  }

  /** A proxy on a free loopback port in front of the control plane's API server. */
  public static FaultProxy start(ControlPlane plane) {
    return start(plane.url(), plane.pki());
  }

  /** A proxy in front of this API server, whose certificate (and the proxy's) the CA signs. */
  public static FaultProxy start(URI apiServer, Pki pki) {
    Pki.KeyAndCertificate serving =
        pki.issueServing("vmclone-fault-proxy", List.of("localhost", "127.0.0.1"));
    try {
      ServerSocket server =
          serverTls(serving, pki.caPem()).getServerSocketFactory().createServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
      FaultProxy proxy = new FaultProxy(server, apiServer, ReadinessProbe.trusting(pki.caPem()));
      Thread acceptor = new Thread(proxy::accept, "fault-proxy-" + server.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fault proxy", e);
    }
  }

  /** Where clients connect: {@code https://127.0.0.1:PORT}. */
  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getLocalPort());
  }

  /** Arms a rule; rules act in the order armed (delays first hold, then an answer may follow). */
  public FaultRule arm(FaultRule rule) {
    rules.add(rule);
    return rule;
  }

  /** Every rule armed so far. */
  public List<FaultRule> rules() {
    return List.copyOf(rules);
  }

  /** The rules that have not met as many requests as they were armed for. */
  public List<FaultRule> unspent() {
    return rules.stream().filter(rule -> !rule.spent()).toList();
  }

  /**
   * Cuts every watch the proxy relays now whose path starts with the prefix ("" for all); returns
   * how many it cut. The clients see their connections break and watch again.
   */
  public int dropWatches(String pathPrefix) {
    int dropped = 0;
    for (ProxiedConnection connection : open) {
      String path = connection.watching();
      if (path != null && path.startsWith(pathPrefix)) {
        connection.cut();
        dropped++;
      }
    }
    return dropped;
  }

  /** How many watches the proxy relays now under the path prefix. */
  public long openWatches(String pathPrefix) {
    return open.stream()
        .map(ProxiedConnection::watching)
        .filter(path -> path != null && path.startsWith(pathPrefix))
        .count();
  }

  /** The request lines ({@code GET /api/v1/...?watch=true}) received so far that match. */
  public List<String> requests(Predicate<String> filter) {
    return seen.stream().filter(filter).toList();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    open.forEach(ProxiedConnection::cut);
  }

  private void accept() {
    Observer observer =
        new Observer() {
          @Override
          public void seen(String requestLine) {
            seen.add(requestLine);
          }

          @Override
          public void closed(ProxiedConnection connection) {
            open.remove(connection);
          }
        };
    while (!closed) {
      try {
        Socket client = server.accept();
        ProxiedConnection connection =
            new ProxiedConnection(client, this::connectUpstream, rules, observer);
        open.add(connection);
        Thread thread = new Thread(connection, "fault-proxy-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        // closed, or a client gave up during the handshake
      }
    }
  }

  private Socket connectUpstream() {
    try {
      SSLSocket socket =
          (SSLSocket)
              upstreamTls.getSocketFactory().createSocket(upstream.getHost(), upstream.getPort());
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the API server at " + upstream, e);
    }
  }

  private static SSLContext serverTls(Pki.KeyAndCertificate serving, String caPem) {
    try (PEMParser parser = new PEMParser(new StringReader(serving.privateKeyPem()))) {
      PrivateKey key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
      CertificateFactory certificates = CertificateFactory.getInstance("X.509");
      Certificate[] chain = {
        certificates.generateCertificate(
            new ByteArrayInputStream(serving.certificatePem().getBytes(StandardCharsets.US_ASCII))),
        certificates.generateCertificate(
            new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))
      };
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "fault-proxy".toCharArray();
      store.setKeyEntry("serving", key, password, chain);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up the fault proxy's TLS", e);
    }
  }
}
