package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's admission webhooks as real Mutating/ValidatingWebhookConfigurations: the rules,
 * failure policy and timeouts of the chart's ({@code k8s/webhooks.yaml}), with the client config
 * pointed at a server outside the cluster ({@code url} plus the CA bundle that verifies it) instead
 * of the in-cluster Service. Tests that share one API server limit theirs to one namespace.
 */
public final class WebhookRegistration {

  private final KubernetesClient admin;
  private final String name;

  private WebhookRegistration(KubernetesClient admin, String name) {
    this.admin = admin;
    this.name = name;
  }

  /**
   * Registers both configurations under {@code name}, calling {@code base} + the chart's paths
   * (e.g. {@code https://127.0.0.1:16443/admission/mutate-clone}).
   *
   * @param onlyNamespace if present, the webhooks see only requests in that namespace
   */
  public static WebhookRegistration register(
      KubernetesClient admin,
      Path repositoryRoot,
      String name,
      URI base,
      String caPem,
      Optional<String> onlyNamespace) {
    String caBundle = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    for (HasMetadata object :
        OperatorInstall.load(admin, repositoryRoot.resolve("k8s/webhooks.yaml"))) {
      object.getMetadata().setName(name);
      object.getMetadata().setAnnotations(null);
      object.getMetadata().setResourceVersion(null);
      if (object instanceof MutatingWebhookConfiguration mutating) {
        for (MutatingWebhook hook : mutating.getWebhooks()) {
          hook.setClientConfig(outside(hook.getClientConfig(), base, caBundle));
          onlyNamespace.ifPresent(ns -> hook.setNamespaceSelector(selecting(ns)));
        }
      } else if (object instanceof ValidatingWebhookConfiguration validating) {
        for (ValidatingWebhook hook : validating.getWebhooks()) {
          hook.setClientConfig(outside(hook.getClientConfig(), base, caBundle));
          onlyNamespace.ifPresent(ns -> hook.setNamespaceSelector(selecting(ns)));
        }
      } else {
        throw new IllegalStateException("k8s/webhooks.yaml holds a " + object.getKind());
      }
      admin.resource(object).createOr(NonDeletingOperation::update);
    }
    return new WebhookRegistration(admin, name);
  }

  /** Removes both configurations. */
  public void remove() {
    admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).delete();
    admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
  }

  private static WebhookClientConfig outside(
      WebhookClientConfig inCluster, URI base, String caBundle) {
    String path = inCluster.getService().getPath();
    String url = base.toString().replaceAll("/+$", "") + path;
    return new WebhookClientConfigBuilder().withUrl(url).withCaBundle(caBundle).build();
  }

  private static LabelSelector selecting(String namespace) {
    return new LabelSelectorBuilder()
        .withMatchLabels(Map.of("kubernetes.io/metadata.name", namespace))
        .build();
  }
}
