package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResourcesBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which changes to the chart's requester policy make the operator stop trusting it. */
class RequesterPolicyShapeTest {

  private static final KubernetesClient CLIENT = new KubernetesClientBuilder().build();
  private static final RequesterPolicyShape SHAPE = RequesterPolicyShape.packaged(CLIENT);

  private ValidatingAdmissionPolicy policy;
  private ValidatingAdmissionPolicyBinding binding;

  @BeforeEach
  void theChartsPolicy() {
    List<HasMetadata> objects = load(Path.of("k8s/requester-policy.yaml"));
    policy = (ValidatingAdmissionPolicy) objects.get(0);
    binding = (ValidatingAdmissionPolicyBinding) objects.get(1);
  }

  @AfterAll
  static void close() {
    CLIENT.close();
  }

  @Test
  void theChartsPolicyIsTrusted() {
    assertThat(SHAPE.deviations(policy, binding)).isEmpty();
  }

  @Test
  void aWeakenedRuleIsNot() {
    policy.getSpec().getValidations().get(0).setExpression("true");

    assertThat(SHAPE.deviations(policy, binding))
        .containsExactly("its variables or validations are not the operator's");
  }

  @Test
  void aPolicyThatIgnoresItsOwnFailuresIsNot() {
    policy.getSpec().setFailurePolicy("Ignore");

    assertThat(SHAPE.deviations(policy, binding)).containsExactly("its failurePolicy is not Fail");
  }

  @Test
  void aPolicyThatSkipsSomeClonesIsNot() {
    policy
        .getSpec()
        .getMatchConstraints()
        .setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("team", "a").build());

    assertThat(SHAPE.deviations(policy, binding))
        .containsExactly("it does not match every VirtualMachineClone the operator's does");
  }

  @Test
  void aBindingThatOnlyWarnsOrSkipsNamespacesIsNot() {
    binding.getSpec().setValidationActions(List.of("Warn", "Audit"));
    binding
        .getSpec()
        .setMatchResources(
            new MatchResourcesBuilder()
                .withNewNamespaceSelector()
                .addToMatchLabels("x", "y")
                .endNamespaceSelector()
                .build());

    assertThat(SHAPE.deviations(policy, binding))
        .containsExactly("the binding does not deny", "the binding applies to fewer clones");
  }

  @Test
  void theLastChangeIsTheLatestWriteToTheObjectNotToItsStatus() {
    policy.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    policy
        .getMetadata()
        .setManagedFields(
            List.of(
                new ManagedFieldsEntryBuilder().withTime("2026-01-02T00:00:00Z").build(),
                new ManagedFieldsEntryBuilder()
                    .withTime("2026-01-03T00:00:00Z")
                    .withSubresource("status")
                    .build()));

    assertThat(RequesterPolicyCheck.lastChange(policy))
        .isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    binding.getMetadata().setCreationTimestamp("2026-01-05T00:00:00Z");
    assertThat(RequesterPolicyCheck.lastChange(policy, binding))
        .as("the later of the two")
        .isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
  }

  private static List<HasMetadata> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return CLIENT.load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
