package io.vmclone.operator.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the chart tests: the control plane as the cluster, one chart per test class, and small
 * readers.
 */
abstract class ChartTestSupport {

  static HelmChart chart;

  @BeforeAll
  static void startChart() {
    chart = HelmChart.start();
  }

  @AfterAll
  static void stopChart() {
    chart.close();
  }

  static Rendering render(ValueSet values) {
    return chart.render(values);
  }

  static PodSpec operatorPod(Rendering rendering) {
    return rendering.only(Deployment.class).getSpec().getTemplate().getSpec();
  }

  static Container operator(Rendering rendering) {
    return operatorPod(rendering).getContainers().stream()
        .filter(container -> container.getName().equals("operator"))
        .findFirst()
        .orElseThrow();
  }

  static List<EnvVar> env(Rendering rendering) {
    return operator(rendering).getEnv();
  }

  /** The operator's environment variables that have a plain value. */
  static Map<String, String> envValues(Rendering rendering) {
    return env(rendering).stream()
        .filter(variable -> variable.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  static EnvVar envVar(Rendering rendering, String name) {
    return env(rendering).stream()
        .filter(variable -> variable.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no env " + name));
  }
}
