package io.vmclone.operator.chart;

import java.util.List;

/** The cert-manager objects of a rendering: Issuers and Certificates, read as trees. */
record CertManagerObjects(List<RenderedObject> issuers, List<RenderedObject> certificates) {

  static CertManagerObjects of(Rendering rendering) {
    return new CertManagerObjects(
        rendering.ofKind("cert-manager.io/v1", "Issuer"),
        rendering.ofKind("cert-manager.io/v1", "Certificate"));
  }

  /** The Certificate that is not a CA: the webhooks' serving certificate. */
  RenderedObject servingCertificate() {
    List<RenderedObject> serving =
        certificates.stream()
            .filter(certificate -> !certificate.tree().path("spec").path("isCA").asBoolean())
            .toList();
    if (serving.size() != 1) {
      throw new AssertionError("expected one serving Certificate, got " + serving);
    }
    return serving.get(0);
  }

  RenderedObject issuer(String name) {
    return issuers.stream()
        .filter(issuer -> issuer.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Issuer " + name + " in " + issuers));
  }

  RenderedObject certificateWithSecret(String secretName) {
    return certificates.stream()
        .filter(c -> c.tree().path("spec").path("secretName").asText().equals(secretName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Certificate writes Secret " + secretName));
  }
}
