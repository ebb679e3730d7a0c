package io.vmclone.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.testing.ProbeClone;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A test class's admission webhooks taken away for a while, as in a cluster where they are not
 * installed (or were deleted): the API server then stores clones as sent, with no requester stamp.
 * Closing puts them back. Both ways it waits until the API server acts on the change, by creating a
 * clone with {@code dryRun} (which runs the webhooks and stores nothing) until the stamp is as
 * expected.
 */
final class WebhooksAbsent implements AutoCloseable {

  private final KubernetesClient admin;
  private final String namespace;
  private final List<HasMetadata> removed;

  private WebhooksAbsent(KubernetesClient admin, String namespace, List<HasMetadata> removed) {
    this.admin = admin;
    this.namespace = namespace;
    this.removed = removed;
  }

  /** Removes the configurations {@code OperatorOnControlPlane} registered for the namespace. */
  static WebhooksAbsent in(KubernetesClient admin, String namespace) {
    String name = "vmclone-test-" + namespace;
    MutatingWebhookConfiguration mutating =
        admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
    ValidatingWebhookConfiguration validating =
        admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get();
    if (mutating == null || validating == null) {
      throw new IllegalStateException("no webhook configurations " + name);
    }
    admin.resource(mutating).delete();
    admin.resource(validating).delete();
    WebhooksAbsent absent = new WebhooksAbsent(admin, namespace, List.of(mutating, validating));
    absent.awaitStamped(false);
    return absent;
  }

  @Override
  public void close() {
    for (HasMetadata configuration : removed) {
      configuration.getMetadata().setResourceVersion(null);
      configuration.getMetadata().setUid(null);
      configuration.getMetadata().setCreationTimestamp(null);
      configuration.getMetadata().setManagedFields(null);
      configuration.getMetadata().setGeneration(null);
      admin.resource(configuration).create();
    }
    awaitStamped(true);
  }

  private void awaitStamped(boolean stamped) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> dryRunIsStamped() == stamped);
  }

  private boolean dryRunIsStamped() {
    VirtualMachineClone probe = ProbeClone.of("webhook-probe", Map.of());
    VirtualMachineClone answer =
        admin
            .resources(VirtualMachineClone.class)
            .inNamespace(namespace)
            .resource(probe)
            .dryRun()
            .create();
    return RequesterAnnotation.read(answer.getMetadata().getAnnotations()).isPresent();
  }
}
