package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The check every operator IT ends with finds a call the chart's RBAC does not allow. */
class ForbiddenCallsIT {

  @Test
  void aCallTheChartsRbacRefusesTheOperatorIsFoundInTheAuditLogAndInItsMessage() {
    ControlPlane plane = TestControlPlane.get();
    TestControlPlane.installOperatorRbac();
    ForbiddenCalls.auditedSinceLastCheck();

    try (KubernetesClient operator =
        new KubernetesClientBuilder()
            .withConfig(
                plane.config(OperatorInstall.token(plane, Duration.ofMinutes(10)), "kube-system"))
            .build()) {
      // the chart lets the operator get, not list, Secrets
      assertThatThrownBy(() -> operator.secrets().inNamespace("kube-system").list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(403);
                assertThat(ForbiddenCalls.showsForbidden(e.getMessage())).isTrue();
              });
    }

    assertThat(ForbiddenCalls.auditedSinceLastCheck())
        .singleElement()
        .asString()
        .contains("list", "/api/v1/namespaces/kube-system/secrets");
  }
}
