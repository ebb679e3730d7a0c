package io.vmclone.sandbox.front;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for the front on 127.0.0.1, made with the JDK's {@code keytool}:
 * kubectl sends bearer tokens only over TLS. The kubeconfig carries the certificate as its CA, so
 * kubectl verifies the front instead of skipping verification.
 */
public final class SelfSignedTls {

  private final SSLContext serverContext;
  private final Certificate certificate;

  private SelfSignedTls(SSLContext serverContext, Certificate certificate) {
    this.serverContext = serverContext;
    this.certificate = certificate;
  }

  /** A new key pair and certificate for 127.0.0.1 and localhost, kept in this directory. */
  public static SelfSignedTls generate(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path keystore = directory.resolve("front-tls.p12");
    Files.deleteIfExists(keystore);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    char[] password = HexFormat.of().formatHex(secret).toCharArray();
    runKeytool(keystore, new String(password));
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new SelfSignedTls(context, store.getCertificate("front"));
    } catch (GeneralSecurityException broken) {
      throw new IOException("cannot load the keystore keytool wrote", broken);
    }
  }

  SSLContext serverContext() {
    return serverContext;
  }

  /**
   * The certificate in PEM, as a kubeconfig's {@code certificate-authority-data} (base64) wants.
   */
  public String certificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException broken) {
      throw new IllegalStateException(broken);
    }
  }

  /** A client context that trusts this certificate (for tests that call the front directly). */
  public SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("front", certificate);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException broken) {
      throw new IllegalStateException(broken);
    }
  }

  private static void runKeytool(Path keystore, String password) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "front",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=vmclone-sandbox-apiserver",
            "-ext",
            "SAN=ip:127.0.0.1,dns:localhost",
            "-validity",
            "3650",
            "-keystore",
            keystore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            password,
            "-keypass",
            password);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + output.trim());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool ran", interrupted);
    }
  }
}
