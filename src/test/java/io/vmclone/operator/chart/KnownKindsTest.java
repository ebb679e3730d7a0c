package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict reading the chart tests rely on refuses what a real API server would. */
class KnownKindsTest {

  @Test
  void readsAValidDeploymentIntoItsModel() {
    RenderedObject object = only(deployment("      serviceAccountName: operator\n"));

    assertThat(KnownKinds.parse(object)).isInstanceOf(Deployment.class);
  }

  @Test
  void refusesAFieldTheModelDoesNotHave() {
    RenderedObject object = only(deployment("      serviceAcountName: operator\n"));

    assertThatThrownBy(() -> KnownKinds.parse(object))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("not a valid Deployment");
  }

  @Test
  void knowsNoKindItWasNotTold() {
    RenderedObject object =
        only("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n");

    assertThat(KnownKinds.isKnown(object)).isFalse();
  }

  @Test
  void checksTheSpecFieldsOfCrdDefinedKinds() {
    RenderedObject certificate =
        only(
            "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: c\n"
                + "spec:\n  secretName: s\n  dnsName: typo\n");

    assertThat(KnownKinds.isKnown(certificate)).isTrue();
    assertThat(KnownKinds.unexpectedSpecFields(certificate)).containsExactly("dnsName");
  }

  private static String deployment(String podSpecLine) {
    return """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: d
    spec:
      selector:
        matchLabels: {app: d}
      template:
        metadata:
          labels: {app: d}
        spec:
    """
        + podSpecLine
        + "      containers: [{name: c, image: i}]\n";
  }

  private static RenderedObject only(String yaml) {
    return Rendering.parse("---\n# Source: chart/templates/x.yaml\n" + yaml).objects().get(0);
  }
}
