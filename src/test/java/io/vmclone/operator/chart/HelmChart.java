package io.vmclone.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The chart in {@code helm/vmclone-operator}, linted and rendered by the Helm embedded in
 * helm-java, with a fabric8 mock API server (CRUD mode) as the cluster its {@code lookup} calls
 * read.
 *
 * <p>Why a cluster at all: helm-java's {@code template} runs Helm's install in a mode that lets
 * {@code lookup} talk to the cluster of the default kubeconfig, and fails the render when none
 * answers. Surefire points {@code KUBECONFIG} at a file under {@code target/} (see pom.xml); this
 * class writes the mock's address there while it runs and removes the file when closed, so no
 * developer's cluster is ever asked. Objects put into {@link #cluster()} are what an upgrade finds.
 */
final class HelmChart implements AutoCloseable {

  static final Path CHART = Path.of("helm", "vmclone-operator");
  static final String RELEASE = "vmclone-operator";
  static final String NAMESPACE = "vmclone-system";
  static final String KUBE_VERSION = "1.32.0";

  private final KubernetesMockServer server;
  private final Path kubeconfig;

  private HelmChart(KubernetesMockServer server, Path kubeconfig) {
    this.server = server;
    this.kubeconfig = kubeconfig;
  }

  /** Starts the mock cluster and points Helm at it. */
  static HelmChart start() {
    Path kubeconfig = kubeconfigPath();
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    CoreDiscovery.serve(server);
    write(kubeconfig, kubeconfigFor("http://127.0.0.1:" + server.getPort()));
    return new HelmChart(server, kubeconfig);
  }

  /** The cluster an install or upgrade would find. */
  KubernetesClient cluster() {
    return server.createClient();
  }

  LintResult lint() {
    return new Helm(CHART).lint().strict().call();
  }

  /** {@code helm template vmclone-operator helm/vmclone-operator -n vmclone-system --set ...}. */
  Rendering render(Map<String, String> values) {
    TemplateCommand template =
        new Helm(CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
    values.forEach(template::set);
    return Rendering.parse(template.call());
  }

  Rendering render(ValueSet values) {
    return render(values.settings());
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server.destroy();
    }
  }

  private static Path kubeconfigPath() {
    String path = System.getenv("KUBECONFIG");
    if (path == null || !path.contains("chart-tests")) {
      throw new IllegalStateException(
          "KUBECONFIG must point at target/chart-tests/kubeconfig (set by surefire in pom.xml):"
              + " Helm's lookup would otherwise ask whatever cluster this machine knows");
    }
    return Path.of(path);
  }

  private static String kubeconfigFor(String server) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
          - name: mock
            cluster:
              server: %s
        contexts:
          - name: mock
            context:
              cluster: mock
              user: mock
        current-context: mock
        users:
          - name: mock
            user: {}
        """
        .formatted(server);
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
