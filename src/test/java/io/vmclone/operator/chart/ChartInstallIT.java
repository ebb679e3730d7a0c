package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vmclone.controlplane.ClusterSeeder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

/**
 * Every object the chart renders is one the real API server (v1.37) accepts: a server-side dry run
 * of the install, object by object, runs the API server's validation, defaulting and admission
 * (webhook configurations, the CRD's structural schema and CEL rules, RBAC rules, the Deployment's
 * pod template) without storing anything. The mock API server stored whatever it was given.
 */
class ChartInstallIT extends ChartTestSupport {

  /** Kinds of other operators, which this cluster does not serve (cert-manager, Prometheus). */
  private static final List<String> FOREIGN_GROUPS =
      List.of("cert-manager.io/", "monitoring.coreos.com/");

  @ParameterizedTest
  @EnumSource(
      value = ValueSet.class,
      mode = Mode.EXCLUDE,
      names = {"CERT_MANAGER", "CERT_MANAGER_ISSUER", "SERVICE_MONITOR"})
  void theApiServerAcceptsEveryRenderedObject(ValueSet values) {
    KubernetesClient cluster = chart.cluster();
    List<String> refused = new ArrayList<>();
    int tried = 0;
    for (RenderedObject object : render(values).objects()) {
      if (FOREIGN_GROUPS.stream().anyMatch(object.apiVersion()::startsWith)) {
        continue;
      }
      tried++;
      // Tenant namespaces (identity.serviceAccountNamespaces) exist before the chart is installed.
      String namespace = object.tree().path("metadata").path("namespace").asText("");
      if (!namespace.isEmpty()) {
        new ClusterSeeder(cluster).ensureNamespace(namespace);
      }
      try {
        dryRun(cluster, object);
      } catch (KubernetesClientException e) {
        refused.add(
            object.kind() + "/" + object.name() + ": " + e.getCode() + " " + e.getMessage());
      }
    }

    assertThat(tried).isGreaterThan(10);
    assertThat(refused).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = ValueSet.class, names = "DEFAULTS")
  void aBrokenObjectIsRefusedSoTheDryRunCanFail(ValueSet values) {
    RenderedObject deployment = render(values).ofKind("apps/v1", "Deployment").get(0);
    GenericKubernetesResource broken = generic(deployment);
    broken.setAdditionalProperty("spec", Map.of("replicas", -1));

    assertThatThrownBy(() -> resource(chart.cluster(), broken).dryRun().create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  /** Create, or update where it exists (the CRD the tests installed, the namespace). */
  private static void dryRun(KubernetesClient cluster, RenderedObject object) {
    GenericKubernetesResource resource = generic(object);
    Resource<GenericKubernetesResource> handle = resource(cluster, resource);
    GenericKubernetesResource existing = handle.get();
    if (existing == null) {
      handle.dryRun().create();
    } else {
      resource.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      handle.dryRun().update();
    }
  }

  private static Resource<GenericKubernetesResource> resource(
      KubernetesClient cluster, GenericKubernetesResource resource) {
    String namespace = resource.getMetadata().getNamespace();
    if (namespace == null && isNamespaced(resource)) {
      resource.getMetadata().setNamespace(HelmChart.NAMESPACE);
    }
    return cluster.resource(resource);
  }

  private static boolean isNamespaced(GenericKubernetesResource object) {
    return !List.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Namespace")
            .contains(object.getKind())
        && !object.getKind().endsWith("WebhookConfiguration");
  }

  private static GenericKubernetesResource generic(RenderedObject object) {
    return chart
        .cluster()
        .getKubernetesSerialization()
        .convertValue(object.tree(), GenericKubernetesResource.class);
  }
}
