package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/**
 * Metrics: a Service on the management port; a ServiceMonitor only where Prometheus' CRD is served.
 */
class ChartMetricsTest extends ChartTestSupport {

  @Test
  void theMetricsServiceExposesTheManagementPortAndNotTheWebhookPort() {
    Rendering rendering = render(ValueSet.DEFAULTS);
    Service metrics = rendering.named(Service.class, HelmChart.RELEASE + "-metrics");

    assertThat(metrics.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
              assertThat(port.getPort()).isEqualTo(9000);
            });
    assertThat(rendering.only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(metrics.getSpec().getSelector());
  }

  @Test
  void noServiceMonitorWhereTheClusterDoesNotServeTheKind() {
    Rendering rendering = render(ValueSet.SERVICE_MONITOR);

    assertThat(rendering.ofKind("monitoring.coreos.com/v1", "ServiceMonitor")).isEmpty();
  }
}
