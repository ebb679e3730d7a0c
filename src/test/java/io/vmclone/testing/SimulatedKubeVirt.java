package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.User;
import io.vmclone.simulator.KubeVirtSimulator;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import java.time.Duration;

/**
 * KubeVirt and CDI played by the {@link KubeVirtSimulator} on the test control plane for one test
 * class: the simulator's controllers and admission webhooks keep to the namespaces whose name
 * starts with the class's prefix ({@link #namespace()} makes them), and {@link #operator()} is a
 * client as the operator's ServiceAccount with exactly the chart's RBAC. Setup and checks go
 * through the admin ({@link #cluster}).
 *
 * <p>{@link #close()} stops the simulator and its webhooks and deletes the prefix's namespaces.
 */
public final class SimulatedKubeVirt implements AutoCloseable {

  private static final Duration OPERATOR_TOKEN_LIFETIME = Duration.ofHours(1);

  /** The admin's view of the cluster, for setup and checks. */
  public final KubeVirtObjects cluster = KubeVirtObjects.asAdmin();

  private final String prefix;
  private final KubernetesClient simulatorClient;
  private final KubeVirtSimulator simulator;
  private final KubernetesClient operator;

  private SimulatedKubeVirt(String prefix, SimulatorSettings settings) {
    ControlPlane plane = TestControlPlane.get();
    TestControlPlane.installOperatorRbac();
    this.prefix = prefix;
    simulatorClient = plane.client(User.ADMIN);
    simulator =
        new KubeVirtSimulator(simulatorClient, settings)
            .onlyIn(namespace -> namespace.startsWith(prefix + "-"))
            .withWebhooks(
                SimulatorWebhooks.start(plane, simulatorClient)
                    .register(
                        simulatorClient,
                        "kubevirt-simulator-" + prefix,
                        SimulatorWebhooks.labelled(prefix)))
            .start();
    operator = operatorClient(null);
  }

  /**
   * Installs the operator's RBAC (once per JVM) and starts the simulator with these settings and
   * its webhooks for the namespaces of the prefix (lower case, no dash at the end).
   */
  public static SimulatedKubeVirt start(String prefix, SimulatorSettings settings) {
    return new SimulatedKubeVirt(prefix, settings);
  }

  /** A new namespace of the prefix, whose requests the simulator's webhooks judge. */
  public String namespace() {
    String namespace = TestControlPlane.newNamespace(prefix);
    SimulatorWebhooks.label(cluster.client(), namespace, prefix);
    SimulatorWebhooks.awaitEffective(cluster.client(), namespace);
    return namespace;
  }

  /** The client as the operator's ServiceAccount; closed by {@link #close()}. */
  public KubernetesClient operator() {
    return operator;
  }

  /**
   * A new client as the operator's ServiceAccount, optionally intercepted; the caller closes it.
   */
  public KubernetesClient operatorClient(Interceptor interceptor) {
    ControlPlane plane = TestControlPlane.get();
    KubernetesClientBuilder builder =
        new KubernetesClientBuilder()
            .withConfig(
                plane.config(OperatorInstall.token(plane, OPERATOR_TOKEN_LIFETIME), "default"));
    if (interceptor != null) {
      builder.withHttpClientBuilderConsumer(
          http -> http.addOrReplaceInterceptor("test-interceptor", interceptor));
    }
    return builder.build();
  }

  /** Stops the simulator and its webhooks and deletes the prefix's namespaces. */
  @Override
  public void close() {
    simulator.close();
    simulatorClient.close();
    operator.close();
    for (Namespace namespace : cluster.client().namespaces().list().getItems()) {
      if (namespace.getMetadata().getName().startsWith(prefix + "-")) {
        cluster.client().resource(namespace).delete();
      }
    }
  }
}
