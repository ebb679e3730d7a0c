package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.SimulatedKubeVirt;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Tests of {@link KubeVirtPlatform} as the operator runs it, on the real API server of the test
 * control plane: as the operator's ServiceAccount with exactly the chart's RBAC (a right the chart
 * lacks fails a test with a 403), with the KubeVirt CRDs' structural schemas, and the KubeVirt
 * simulator playing KubeVirt's and CDI's controllers and admission webhooks ({@link
 * SimulatedKubeVirt}, one per test class, its namespaces named after the class). Setup and checks
 * go through the admin ({@link #cluster}). Each test gets a fresh namespace ({@link #ns}) and task
 * ID ({@link #taskId}).
 *
 * <p>The platform reads clone objects through the operator's cache ({@link ChildCache}), as the
 * operator's own platform does.
 *
 * <p>The simulator copies a disk in a second and fails the copies whose name ends in {@code
 * -broken}.
 */
abstract class PlatformOnControlPlane {

  static final Duration PATIENCE = Duration.ofSeconds(15);

  static SimulatedKubeVirt kubevirt;
  static KubeVirtObjects cluster;
  static KubeVirtPlatform platform;
  static ChildCache cache;

  String ns;
  String taskId;

  /** What proves the test's objects its task's: the task ID and one creation key. */
  Ownership owner;

  @BeforeAll
  static void startPlatform(TestInfo test) {
    String prefix = test.getTestClass().orElseThrow().getSimpleName().toLowerCase(Locale.ROOT);
    kubevirt =
        SimulatedKubeVirt.start(
            prefix,
            SimulatorSettings.fast()
                .withCopyDuration(Duration.ofSeconds(1))
                .withFailCopyMatching("-broken$"));
    cluster = kubevirt.cluster;
    cache = startedCache(kubevirt.operator());
    platform = new KubeVirtPlatform(kubevirt.operator(), cache);
  }

  @AfterAll
  static void stopPlatform() {
    cache.stop(null);
    kubevirt.close();
  }

  /** The operator's cache of clone objects in every namespace, once it has listed them. */
  static ChildCache startedCache(KubernetesClient client) {
    ChildCache started = new ChildCache(client, Clock.systemUTC(), Optional.empty(), true);
    started.start(null);
    Awaitility.await().atMost(PATIENCE).until(() -> started.watches("default"));
    return started;
  }

  @BeforeEach
  void freshNamespaceAndTask() {
    ns = kubevirt.namespace();
    taskId = UUID.randomUUID().toString();
    owner = new Ownership(taskId, List.of(UUID.randomUUID().toString()));
  }

  /** Another new namespace of the class, whose requests the simulator's webhooks judge. */
  static String newNamespace() {
    return kubevirt.namespace();
  }

  /**
   * A new client as the operator's ServiceAccount, optionally intercepted; the caller closes it.
   */
  static KubernetesClient operatorClient(Interceptor interceptor) {
    return kubevirt.operatorClient(interceptor);
  }

  /** Calls the platform and expects it to refuse with the reason; the refusal's message. */
  static String refusal(String reason, ThrowingCallable call) {
    Throwable thrown = Assertions.catchThrowable(call);
    Assertions.assertThat(thrown)
        .isInstanceOfSatisfying(
            PlatformException.class, e -> Assertions.assertThat(e.reason()).isEqualTo(reason));
    return thrown.getMessage();
  }

  /** A halted VM of the task in the test's namespace, as a target: no dataVolumeTemplates. */
  ObjectNode targetManifest(String name, String task) {
    ObjectNode vm = KubeVirtManifests.vm(ns, name, "Halted");
    ((ObjectNode) vm.at("/metadata/labels")).put(VmPlatform.TASK_LABEL, task);
    ((ObjectNode) vm.get("spec")).remove("dataVolumeTemplates");
    return vm;
  }

  /** The finalizers of the VM in the test's namespace, in order. */
  List<String> finalizers(String vmName) {
    List<String> names = new ArrayList<>();
    cluster
        .require(KubeVirtKind.VIRTUAL_MACHINE, ns, vmName)
        .at("/metadata/finalizers")
        .forEach(f -> names.add(f.asText()));
    return names;
  }
}
