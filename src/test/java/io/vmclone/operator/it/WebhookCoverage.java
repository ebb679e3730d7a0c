package io.vmclone.operator.it;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which admission webhook configurations of the cluster could be called for a namespace. */
final class WebhookCoverage {

  private WebhookCoverage() {}

  /**
   * The names of the configurations with a webhook whose namespace selector may match the
   * namespace: any but one that names another namespace by {@code kubernetes.io/metadata.name}.
   */
  static List<String> configurationsCovering(KubernetesClient admin, String namespace) {
    List<String> covering = new ArrayList<>();
    admin
        .admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .list()
        .getItems()
        .forEach(
            c -> {
              if (c.getWebhooks().stream()
                  .anyMatch(w -> mayMatch(w.getNamespaceSelector(), namespace))) {
                covering.add("mutating " + c.getMetadata().getName());
              }
            });
    admin
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .list()
        .getItems()
        .forEach(
            c -> {
              if (c.getWebhooks().stream()
                  .anyMatch(w -> mayMatch(w.getNamespaceSelector(), namespace))) {
                covering.add("validating " + c.getMetadata().getName());
              }
            });
    return covering;
  }

  private static boolean mayMatch(LabelSelector selector, String namespace) {
    if (selector == null) {
      return true;
    }
    boolean noExpressions =
        selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty();
    Map<String, String> labels = selector.getMatchLabels();
    String named = labels == null ? null : labels.get("kubernetes.io/metadata.name");
    return !(noExpressions && named != null && !named.equals(namespace));
  }
}
