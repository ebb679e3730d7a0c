package io.vmclone.controlplane;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate authority of one control plane, made fresh at each start: it signs the API server's
 * serving certificate and the serving certificates of admission webhooks outside the cluster (the
 * operator, the simulator), so that one CA bundle verifies them all. Keys are RSA 2048;
 * certificates live a year (a sandbox may run for days). Nothing here is a secret worth keeping:
 * the whole authority lives and dies with the control plane's folder.
 */
public final class Pki {

  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A certificate and its private key, both PEM. */
  public record KeyAndCertificate(String certificatePem, String privateKeyPem) {}

  private final KeyPair caKeys;
  private final X509Certificate caCertificate;

  private Pki(KeyPair caKeys, X509Certificate caCertificate) {
    this.caKeys = caKeys;
    this.caCertificate = caCertificate;
  }

  /** A new self-signed CA. */
  public static Pki create(String name) {
    KeyPair keys = newKeyPair();
    X500Name subject = new X500Name("CN=" + name);
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(subject, subject, keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(keys.getPublic()));
      return new Pki(keys, sign(builder, keys));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a CA", e);
    }
  }

  /** A CA written earlier with {@link #caPem} and {@link #caKeyPem} (another class loader's). */
  public static Pki load(String caPem, String caKeyPem) {
    try (PEMParser keyParser = new PEMParser(new StringReader(caKeyPem));
        PEMParser certParser = new PEMParser(new StringReader(caPem))) {
      JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
      PrivateKey key = keys.getPrivateKey((PrivateKeyInfo) keyParser.readObject());
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate((X509CertificateHolder) certParser.readObject());
      return new Pki(new KeyPair(certificate.getPublicKey(), key), certificate);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the CA", e);
    }
  }

  /** The CA's private key, PEM; for {@link #load} only. */
  String caKeyPem() {
    return pem(caKeys.getPrivate());
  }

  /** The CA certificate, PEM: what a kubeconfig or a webhook's caBundle trusts. */
  public String caPem() {
    return pem(caCertificate);
  }

  /** A client TLS context that trusts exactly this CA, e.g. to call a server it certified. */
  public SSLContext trustingContext() {
    return ReadinessProbe.trusting(caPem());
  }

  /**
   * A serving certificate for a server on this machine, valid for the given DNS names and IP
   * addresses (e.g. {@code localhost}, {@code 127.0.0.1}).
   */
  public KeyAndCertificate issueServing(String commonName, List<String> hosts) {
    KeyPair keys = newKeyPair();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          builder(
                  new X500Name(caCertificate.getSubjectX500Principal().getName()),
                  new X500Name("CN=" + commonName),
                  keys)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(caCertificate));
      return new KeyAndCertificate(pem(sign(builder, caKeys)), pem(keys.getPrivate()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
    }
  }

  /** A new RSA private key, PEM (PKCS#8): e.g. the ServiceAccount token signing key. */
  public static String newPrivateKeyPem() {
    return pem(newKeyPair().getPrivate());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(
        issuer,
        new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
        Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(VALIDITY)),
        subject,
        keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer)
      throws GeneralSecurityException {
    try {
      ContentSigner contentSigner =
          new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static GeneralNames alternativeNames(List<String> hosts) throws UnknownHostException {
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      boolean address = host.matches("[0-9.]+") || host.contains(":");
      names.add(
          address
              ? new GeneralName(
                  GeneralName.iPAddress,
                  new DEROctetString(InetAddress.getByName(host).getAddress()))
              : new GeneralName(GeneralName.dNSName, host));
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048, RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no RSA here", e);
    }
  }

  private static String pem(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object instanceof PrivateKey key ? pkcs8(key) : object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Object pkcs8(PrivateKey key) {
    return new PemObject("PRIVATE KEY", key.getEncoded());
  }
}
