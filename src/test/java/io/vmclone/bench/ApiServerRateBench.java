package io.vmclone.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.OperatorInstall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw rate of the clone's kind of write on the benchmark's kube-apiserver: each writer, in a
 * loop until the window is over, creates a small VirtualMachine (the harness's one-disk source VM,
 * {@code crash/vm-small.yaml}), updates it (an annotation, a PUT with the resourceVersion the
 * create returned) and deletes it: three stored writes of a namespaced custom resource, as most of
 * the clone's writes are. It writes as the operator's ServiceAccount (a TokenRequest token, the
 * chart's RBAC, which allows exactly these three verbs on VMs), so that authentication, RBAC,
 * admission, the audit log, etcd and the watch fan-out cost what they cost the operator. No
 * controller acts on these VMs: the simulator runs only in the other parts' namespaces.
 */
final class ApiServerRateBench implements AutoCloseable {

  /** The writes of one round: create, update, delete. */
  static final int WRITES_PER_ROUND = 3;

  /** The User-Agent of the writers, so that the operator's request counter leaves them out. */
  static final String AGENT = "vmclone-bench-apiserver-rate";

  private static final String NAMESPACE = "bench-apiserver-rate";

  private final KubernetesClient client;
  private final Duration window;
  private final String manifest;
  private int rounds;

  /** Creates the namespace (as the admin) and a client of the operator's ServiceAccount. */
  ApiServerRateBench(ControlPlane plane, KubernetesClient admin, Duration window) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .createOr(NonDeletingOperation::update);
    Config config = plane.config(OperatorInstall.token(plane, Duration.ofHours(1)), NAMESPACE);
    config.setUserAgent(AGENT);
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    this.window = window;
    this.manifest = template().replace("NAMESPACE", NAMESPACE);
  }

  /** Stored writes per second of one repetition with the given number of concurrent writers. */
  double measure(int writers) throws Exception {
    int round = ++rounds;
    return ConcurrentWriters.rate(writers, w -> () -> write("r" + round + "-w" + w));
  }

  /** Create, update, delete until the window is over; the writes made. */
  private int write(String prefix) {
    long deadline = System.nanoTime() + window.toNanos();
    int writes = 0;
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String name = prefix + "-" + i;
      GenericKubernetesResource vm =
          client
              .getKubernetesSerialization()
              .unmarshal(manifest.replace("NAME", name), GenericKubernetesResource.class);
      Resource<GenericKubernetesResource> resource =
          client.genericKubernetesResources(KubeVirtKind.VIRTUAL_MACHINE.context()).resource(vm);
      GenericKubernetesResource created = resource.create();
      Map<String, String> annotations = new LinkedHashMap<>();
      if (created.getMetadata().getAnnotations() != null) {
        annotations.putAll(created.getMetadata().getAnnotations());
      }
      annotations.put("vmclone.io/bench", "updated");
      created.getMetadata().setAnnotations(annotations);
      client
          .genericKubernetesResources(KubeVirtKind.VIRTUAL_MACHINE.context())
          .resource(created)
          .update();
      resource.delete();
      writes += WRITES_PER_ROUND;
    }
    return writes;
  }

  private static String template() {
    try (InputStream in = ApiServerRateBench.class.getResourceAsStream("/crash/vm-small.yaml")) {
      if (in == null) {
        throw new IllegalStateException("no /crash/vm-small.yaml on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
