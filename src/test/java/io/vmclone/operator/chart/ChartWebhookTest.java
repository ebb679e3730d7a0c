package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.vmclone.operator.admission.AdmissionResource;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The webhook configurations reach the operator: a rendered Service, on a port it exposes, whose
 * target is the HTTPS port of the pods it selects, at the paths {@link AdmissionResource} serves.
 */
class ChartWebhookTest extends ChartTestSupport {

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void theMutatingWebhookCallsTheMutateEndpointThroughARenderedService(ValueSet values) {
    Rendering rendering = render(values);
    WebhookClientConfig client =
        rendering.only(MutatingWebhookConfiguration.class).getWebhooks().get(0).getClientConfig();

    assertReachesOperator(rendering, client.getService());
    assertThat(client.getService().getPath()).isEqualTo(endpoint("mutate"));
  }

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void theValidatingWebhookCallsTheValidateEndpointThroughARenderedService(ValueSet values) {
    Rendering rendering = render(values);
    WebhookClientConfig client =
        rendering.only(ValidatingWebhookConfiguration.class).getWebhooks().get(0).getClientConfig();

    assertReachesOperator(rendering, client.getService());
    assertThat(client.getService().getPath()).isEqualTo(endpoint("validate"));
  }

  @Test
  void withoutCertManagerTheGeneratedCaIsTheBundleOfBothWebhooks() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Secret tls = servingSecret(rendering);

    assertThat(caBundles(rendering)).containsOnly(tls.getData().get("ca.crt"));
    assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(tls.getData()).containsKeys("tls.crt", "tls.key");
  }

  @Test
  void anUpgradeKeepsTheGeneratedCertificate() {
    String name = HelmChart.RELEASE + "-webhook-tls";
    Secret installed =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(HelmChart.NAMESPACE)
            .endMetadata()
            .withType("kubernetes.io/tls")
            .withData(Map.of("ca.crt", "Y2E=", "tls.crt", "Y3J0", "tls.key", "a2V5"))
            .build();
    chart.cluster().resource(installed).create();
    try {
      Rendering upgrade = render(ValueSet.DEFAULTS);

      assertThat(servingSecret(upgrade).getData()).isEqualTo(installed.getData());
      assertThat(caBundles(upgrade)).containsOnly("Y2E=");
    } finally {
      chart.cluster().resource(installed).delete();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = ValueSet.class,
      names = {"CERT_MANAGER", "CERT_MANAGER_ISSUER"})
  void withCertManagerTheBundleIsInjectedFromTheServingCertificate(ValueSet values) {
    Rendering rendering = render(values);
    CertManagerObjects certManager = CertManagerObjects.of(rendering);
    String certificate = HelmChart.NAMESPACE + "/" + certManager.servingCertificate().name();

    assertThat(caBundles(rendering)).containsOnlyNulls();
    assertThat(rendering.all(Secret.class)).noneMatch(s -> s.getType().equals("kubernetes.io/tls"));
    assertThat(rendering.only(MutatingWebhookConfiguration.class).getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", certificate);
    assertThat(rendering.only(ValidatingWebhookConfiguration.class).getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", certificate);
  }

  /** The Service exists, exposes the port, and targets the operator pods' HTTPS port. */
  private static void assertReachesOperator(Rendering rendering, ServiceReference reference) {
    Service service = rendering.named(Service.class, reference.getName());
    assertThat(reference.getNamespace()).isEqualTo(service.getMetadata().getNamespace());
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(exposed -> exposed.getPort().equals(reference.getPort()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the Service does not expose " + reference));
    Deployment operator = rendering.only(Deployment.class);
    assertThat(operator.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    String target = port.getTargetPort().getStrVal();
    int containerPort = ChartDeploymentTest.port(operator(rendering), target).getContainerPort();
    assertThat(envValues(rendering))
        .containsEntry("QUARKUS_HTTP_SSL_PORT", Integer.toString(containerPort));
  }

  /** The Secret the operator's webhook-tls volume mounts, as rendered. */
  static Secret servingSecret(Rendering rendering) {
    String name =
        ChartDeploymentTest.volume(operatorPod(rendering), "webhook-tls")
            .getSecret()
            .getSecretName();
    return rendering.named(Secret.class, name);
  }

  private static List<String> caBundles(Rendering rendering) {
    return Arrays.asList(
        rendering
            .only(MutatingWebhookConfiguration.class)
            .getWebhooks()
            .get(0)
            .getClientConfig()
            .getCaBundle(),
        rendering
            .only(ValidatingWebhookConfiguration.class)
            .getWebhooks()
            .get(0)
            .getClientConfig()
            .getCaBundle());
  }

  /** The path JAX-RS serves for a method of {@link AdmissionResource}. */
  static String endpoint(String method) {
    try {
      String base = AdmissionResource.class.getAnnotation(Path.class).value();
      String sub =
          AdmissionResource.class.getMethod(method, String.class).getAnnotation(Path.class).value();
      return base + "/" + sub;
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }
}
