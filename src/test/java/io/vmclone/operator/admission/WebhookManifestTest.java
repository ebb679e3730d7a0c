package io.vmclone.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/webhooks.yaml} calls the endpoints that exist, for the right resources, through the
 * Service of {@code k8s/services.yaml}. Both are rendered from the Helm chart (with cert-manager
 * injecting the CA bundle); the chart tests check every other rendering.
 */
class WebhookManifestTest {

  private static final List<HasMetadata> MANIFESTS = load();

  @Test
  void theMutatingWebhookStampsCreatesAtTheMutateEndpoint() throws Exception {
    MutatingWebhook webhook = only(MutatingWebhookConfiguration.class).getWebhooks().get(0);

    assertService(webhook.getClientConfig().getService(), endpoint("mutate"));
    assertThat(webhook.getClientConfig().getCaBundle()).isNull();
    assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertRule(webhook.getRules(), "CREATE");
  }

  @Test
  void theValidatingWebhookChecksCreatesAndUpdatesAtTheValidateEndpoint() throws Exception {
    ValidatingWebhook webhook = only(ValidatingWebhookConfiguration.class).getWebhooks().get(0);

    assertService(webhook.getClientConfig().getService(), endpoint("validate"));
    assertThat(webhook.getClientConfig().getCaBundle()).isNull();
    assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
    assertThat(webhook.getSideEffects()).isEqualTo("None");
    assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
    assertRule(webhook.getRules(), "CREATE", "UPDATE");
  }

  @Test
  void theServiceReachesEveryReplicaOnPort443() {
    Service service =
        MANIFESTS.stream()
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .filter(s -> s.getMetadata().getName().equals("vmclone-operator-webhook"))
            .findFirst()
            .orElseThrow();

    assertThat(service.getMetadata().getName()).isEqualTo("vmclone-operator-webhook");
    assertThat(service.getMetadata().getNamespace()).isEqualTo("vmclone-system");
    assertThat(service.getSpec().getPorts()).singleElement().extracting("port").isEqualTo(443);
    assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
  }

  private static void assertService(ServiceReference service, String path) {
    assertThat(service.getNamespace()).isEqualTo("vmclone-system");
    assertThat(service.getName()).isEqualTo("vmclone-operator-webhook");
    assertThat(service.getPort()).isEqualTo(443);
    assertThat(service.getPath()).isEqualTo(path);
  }

  private static void assertRule(List<RuleWithOperations> rules, String... operations) {
    assertThat(rules)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("vmclone.io");
              assertThat(rule.getApiVersions()).containsExactly("v1alpha1");
              assertThat(rule.getResources()).containsExactly("virtualmachineclones");
              assertThat(rule.getOperations()).containsExactly(operations);
            });
  }

  /** The path JAX-RS serves for a method of {@link AdmissionResource}. */
  private static String endpoint(String method) throws NoSuchMethodException {
    String base = AdmissionResource.class.getAnnotation(Path.class).value();
    String sub =
        AdmissionResource.class.getMethod(method, String.class).getAnnotation(Path.class).value();
    return base + "/" + sub;
  }

  private static <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = MANIFESTS.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  private static List<HasMetadata> load() {
    return Stream.of("k8s/webhooks.yaml", "k8s/services.yaml")
        .flatMap(WebhookManifestTest::load)
        .toList();
  }

  private static Stream<HasMetadata> load(String file) {
    KubernetesSerialization serialization = new KubernetesSerialization();
    try {
      String yaml = Files.readString(java.nio.file.Path.of(file));
      return Arrays.stream(yaml.split("(?m)^---\\s*$"))
          .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
          .map(document -> serialization.unmarshal(document, HasMetadata.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
