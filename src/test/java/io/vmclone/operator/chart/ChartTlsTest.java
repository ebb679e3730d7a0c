package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhooks' serving certificate: generated at install, or issued by cert-manager. */
class ChartTlsTest extends ChartTestSupport {

  private static final String SERVICE_DNS =
      HelmChart.RELEASE + "-webhook." + HelmChart.NAMESPACE + ".svc";

  @Test
  void theGeneratedCertificateIsSignedByItsCaForTheWebhookService() throws Exception {
    Secret tls = ChartWebhookTest.servingSecret(render(ValueSet.DEFAULTS));
    X509Certificate ca = certificate(tls.getData().get("ca.crt"));
    X509Certificate serving = certificate(tls.getData().get("tls.crt"));

    serving.verify(ca.getPublicKey());
    serving.checkValidity();
    assertThat(ca.getBasicConstraints()).isNotNegative();
    assertThat(dnsNames(serving)).contains(SERVICE_DNS);
    assertThat(new String(Base64.getDecoder().decode(tls.getData().get("tls.key"))))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void certManagerIssuesTheMountedSecretFromTheChartsOwnCa() {
    Rendering rendering = render(ValueSet.CERT_MANAGER);
    CertManagerObjects certManager = CertManagerObjects.of(rendering);
    JsonNode serving = certManager.servingCertificate().tree().path("spec");
    String mounted =
        ChartDeploymentTest.volume(operatorPod(rendering), "webhook-tls")
            .getSecret()
            .getSecretName();

    assertThat(serving.path("secretName").asText()).isEqualTo(mounted);
    assertThat(texts(serving.path("dnsNames"))).contains(SERVICE_DNS);
    RenderedObject caIssuer = certManager.issuer(serving.path("issuerRef").path("name").asText());
    String caSecret = caIssuer.tree().path("spec").path("ca").path("secretName").asText();
    JsonNode ca = certManager.certificateWithSecret(caSecret).tree().path("spec");
    assertThat(ca.path("isCA").asBoolean()).isTrue();
    RenderedObject root = certManager.issuer(ca.path("issuerRef").path("name").asText());
    assertThat(root.tree().path("spec").has("selfSigned")).isTrue();
  }

  @Test
  void certManagerCanUseAnIssuerOfThePlatform() {
    Rendering rendering = render(ValueSet.CERT_MANAGER_ISSUER);
    CertManagerObjects certManager = CertManagerObjects.of(rendering);
    JsonNode issuerRef = certManager.servingCertificate().tree().path("spec").path("issuerRef");

    assertThat(certManager.issuers()).isEmpty();
    assertThat(certManager.certificates()).hasSize(1);
    assertThat(issuerRef.path("name").asText()).isEqualTo("cluster-ca");
    assertThat(issuerRef.path("kind").asText()).isEqualTo("ClusterIssuer");
  }

  private static X509Certificate certificate(String base64Pem) throws Exception {
    byte[] pem = Base64.getDecoder().decode(base64Pem);
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
  }

  private static List<String> dnsNames(X509Certificate certificate) throws Exception {
    List<String> names = new ArrayList<>();
    for (List<?> name : certificate.getSubjectAlternativeNames()) {
      if (Integer.valueOf(2).equals(name.get(0))) {
        names.add((String) name.get(1));
      }
    }
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
