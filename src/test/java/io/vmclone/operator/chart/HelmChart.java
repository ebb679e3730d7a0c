package io.vmclone.operator.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The chart in {@code helm/vmclone-operator}, linted and rendered by the Helm embedded in
 * helm-java, with the JVM's real control plane ({@link TestControlPlane}) as the cluster its {@code
 * lookup} calls read.
 *
 * <p>Why a cluster at all: helm-java's {@code template} runs Helm's install in a mode that lets
 * {@code lookup} talk to the cluster of the default kubeconfig, and fails the render when none
 * answers. Surefire points {@code KUBECONFIG} at a file under {@code target/} (see pom.xml); this
 * class writes the control plane's admin kubeconfig there while it runs and removes the file when
 * closed, so no developer's cluster is ever asked. Objects put into {@link #cluster()} (in
 * namespace {@value #NAMESPACE}) are what an upgrade finds.
 */
final class HelmChart implements AutoCloseable {

  static final Path CHART = Path.of("helm", "vmclone-operator");
  static final String RELEASE = "vmclone-operator";
  static final String NAMESPACE = "vmclone-system";
  static final String KUBE_VERSION = "1.32.0";

  private final Path kubeconfig;

  private HelmChart(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** Points Helm at the control plane (started if this is the first use in the JVM). */
  static HelmChart start() {
    Path kubeconfig = kubeconfigPath();
    ControlPlane plane = TestControlPlane.get();
    new ClusterSeeder(TestControlPlane.admin()).ensureNamespace(NAMESPACE);
    try {
      Files.createDirectories(kubeconfig.getParent());
      Files.copy(plane.adminKubeconfig(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new HelmChart(kubeconfig);
  }

  /** The cluster an install or upgrade would find, as its admin; shared, do not close it. */
  KubernetesClient cluster() {
    return TestControlPlane.admin();
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
}
