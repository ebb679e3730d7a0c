package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.List;

/**
 * Installs KubeVirt's and CDI's CRDs (as far as the tests need them) into an API server, in
 * particular the fabric8 mock API server, which gives the kinds real {@code /status} semantics only
 * once their CRD is stored.
 */
public final class KubeVirtCrds {

  private KubeVirtCrds() {}

  /**
   * Creates every CRD that does not exist yet; existing ones (also those created concurrently) are
   * left as they are.
   */
  public static void install(KubernetesClient client) {
    for (KubeVirtKind kind : KubeVirtKind.values()) {
      CustomResourceDefinition crd = kind.crd();
      var resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
      if (resource.get() == null) {
        try {
          resource.create();
        } catch (KubernetesClientException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
            throw e;
          }
        }
      }
    }
  }

  /** The CRDs' classpath resource names, e.g. for a sandbox that applies them itself. */
  public static List<String> resourceNames() {
    return Arrays.stream(KubeVirtKind.values()).map(KubeVirtKind::resourceName).toList();
  }

  /** The CRDs as objects. */
  public static List<CustomResourceDefinition> crds() {
    return Arrays.stream(KubeVirtKind.values()).map(KubeVirtKind::crd).toList();
  }
}
