package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.User;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.simulator.KubeVirtSimulator;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KubeVirtPlatform} as the operator runs it, on the real API server of the test control
 * plane: as the operator's ServiceAccount with exactly the chart's RBAC (a right the chart lacks
 * fails a test with a 403), with the KubeVirt CRDs' structural schemas, and the KubeVirt simulator
 * playing KubeVirt's and CDI's controllers and admission webhooks. Setup and checks go through the
 * admin ({@link #cluster}). One per test class; each test takes a fresh namespace of the class
 * ({@link #namespace()}), which the simulator and its webhooks keep to.
 *
 * <p>The simulator copies a disk in a second and fails the copies whose name ends in {@code
 * -broken}.
 */
final class PlatformFixture implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(15);

  final KubeVirtObjects cluster = KubeVirtObjects.asAdmin();
  final KubeVirtPlatform platform;
  private final String prefix;
  private final KubernetesClient operator;
  private final KubernetesClient simulatorClient;
  private final KubeVirtSimulator simulator;

  private PlatformFixture(String prefix) {
    ControlPlane plane = TestControlPlane.get();
    TestControlPlane.installOperatorRbac();
    this.prefix = prefix;
    simulatorClient = plane.client(User.ADMIN);
    simulator =
        new KubeVirtSimulator(
                simulatorClient,
                SimulatorSettings.fast()
                    .withCopyDuration(Duration.ofSeconds(1))
                    .withFailCopyMatching("-broken$"))
            .onlyIn(namespace -> namespace.startsWith(prefix + "-"))
            .withWebhooks(
                SimulatorWebhooks.start(plane, simulatorClient)
                    .register(
                        simulatorClient,
                        "kubevirt-simulator-" + prefix,
                        SimulatorWebhooks.labelled(prefix)))
            .start();
    operator = operatorClient(null);
    platform = new KubeVirtPlatform(operator);
  }

  /** The platform, simulator and webhooks of a test class whose namespaces start with prefix. */
  static PlatformFixture start(String prefix) {
    return new PlatformFixture(prefix);
  }

  /** A new namespace of the class, whose requests the simulator's webhooks judge. */
  String namespace() {
    String namespace = TestControlPlane.newNamespace(prefix);
    SimulatorWebhooks.label(cluster.client(), namespace, prefix);
    SimulatorWebhooks.awaitEffective(cluster.client(), namespace);
    return namespace;
  }

  /**
   * A new client as the operator's ServiceAccount, optionally intercepted; the caller closes it.
   */
  KubernetesClient operatorClient(Interceptor interceptor) {
    ControlPlane plane = TestControlPlane.get();
    KubernetesClientBuilder builder =
        new KubernetesClientBuilder()
            .withConfig(plane.config(OperatorInstall.token(plane, Duration.ofHours(1)), "default"));
    if (interceptor != null) {
      builder.withHttpClientBuilderConsumer(
          http -> http.addOrReplaceInterceptor("test-interceptor", interceptor));
    }
    return builder.build();
  }

  /** A halted VM of the task, as a target: no dataVolumeTemplates. */
  static ObjectNode targetManifest(String namespace, String name, String taskId) {
    ObjectNode vm = KubeVirtManifests.vm(namespace, name, "Halted");
    ((ObjectNode) vm.at("/metadata/labels")).put(VmPlatform.TASK_LABEL, taskId);
    ((ObjectNode) vm.get("spec")).remove("dataVolumeTemplates");
    return vm;
  }

  /** The VM's finalizers, in order. */
  List<String> finalizers(String namespace, String vmName) {
    List<String> names = new ArrayList<>();
    cluster
        .require(KubeVirtKind.VIRTUAL_MACHINE, namespace, vmName)
        .at("/metadata/finalizers")
        .forEach(f -> names.add(f.asText()));
    return names;
  }

  /** Stops the simulator and its webhooks and deletes the class's namespaces. */
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
