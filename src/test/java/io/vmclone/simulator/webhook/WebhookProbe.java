package io.vmclone.simulator.webhook;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Tells whether the API server calls the simulator's webhooks in a namespace yet: a dry-run create
 * of a VM that sets both {@code running} and {@code runStrategy}, which only KubeVirt's rule
 * refuses. Dry runs call webhooks without side effects and store nothing.
 */
final class WebhookProbe {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  void await(KubernetesClient client, String namespace) {
    Awaitility.await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> refused(client, namespace));
  }

  private static boolean refused(KubernetesClient client, String namespace) {
    var vm = KubeVirtManifests.vm(namespace, "webhook-probe", "Halted");
    vm.withObjectProperty("spec").put("running", false);
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().convertValue(vm, GenericKubernetesResource.class);
    try {
      client
          .genericKubernetesResources(KubeVirtKind.VIRTUAL_MACHINE.context())
          .inNamespace(namespace)
          .resource(resource)
          .dryRun()
          .create();
      return false;
    } catch (KubernetesClientException e) {
      return e.getCode() == 422 && String.valueOf(e.getMessage()).contains("mutually exclusive");
    }
  }
}
