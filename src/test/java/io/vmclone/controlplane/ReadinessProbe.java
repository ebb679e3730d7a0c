package io.vmclone.controlplane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Waits for each server of the control plane to work, and fails fast when one exits instead. */
final class ReadinessProbe {

  private static final Duration PAUSE = Duration.ofMillis(100);

  private final HttpClient plain =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final HttpClient tls;
  private final String adminToken;

  ReadinessProbe(String caPem, String adminToken) {
    this.tls =
        HttpClient.newBuilder()
            .sslContext(trusting(caPem))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    this.adminToken = adminToken;
  }

  void awaitEtcd(ManagedProcess etcd, int port, Duration limit) {
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    await(etcd, limit, () -> ok(plain, health, null));
  }

  void awaitApiServer(ManagedProcess apiServer, URI url, Duration limit) {
    await(apiServer, limit, () -> apiServerReady(url));
  }

  /** The ServiceAccount controller has made namespace default's ServiceAccount. */
  void awaitControllers(ManagedProcess controllers, URI url, Duration limit) {
    URI account = url.resolve("/api/v1/namespaces/default/serviceaccounts/default");
    await(controllers, limit, () -> ok(tls, account, adminToken));
  }

  boolean apiServerReady(URI url) {
    return ok(tls, url.resolve("/readyz"), adminToken);
  }

  private static void await(ManagedProcess process, Duration limit, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(limit);
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            process.name() + " exited while starting; its log ends:\n" + process.tail(20));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            process.name()
                + " not ready after "
                + limit.toSeconds()
                + " s; its log ends:\n"
                + process.tail(20));
      }
      try {
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static boolean ok(HttpClient client, URI uri, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** An SSL context that trusts exactly this CA. */
  static SSLContext trusting(String caPem) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "ca",
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the control plane's CA", e);
    }
  }
}
