package io.vmclone.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import io.vmclone.testing.TestControlPlane;

/**
 * CDI's admission check of DataVolumes that clone from another namespace, as a real webhook the API
 * server calls ({@link SimulatorWebhooks}): whoever creates such a DataVolume must be allowed to
 * create {@code datavolumes/source} in the source namespace. It judges the requests of the
 * namespaces given to {@link #judging}, for one test class; {@link #close()} unregisters it.
 */
final class CdiAdmission implements AutoCloseable {

  private final SimulatorWebhooks webhooks;

  private CdiAdmission(SimulatorWebhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** Registers the check for the namespaces and returns once the API server calls it there. */
  static CdiAdmission judging(String label, String... namespaces) {
    KubernetesClient admin = TestControlPlane.admin();
    SimulatorWebhooks webhooks =
        SimulatorWebhooks.start(TestControlPlane.get(), admin)
            .register(admin, "cdi-check-" + label, SimulatorWebhooks.labelled(label));
    for (String namespace : namespaces) {
      SimulatorWebhooks.label(admin, namespace, label);
      SimulatorWebhooks.awaitEffective(admin, namespace);
    }
    return new CdiAdmission(webhooks);
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
