package io.vmclone.testing;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * KubeVirt's and CDI's CRDs as far as the operator, the simulator and the samples need them, with
 * structural schemas (files in {@code src/test/resources/kubevirt-crds}, see {@link KubeVirtKind}):
 * installed into the test control plane by {@link TestControlPlane} ({@link #crds()}), by the
 * simulator where missing ({@link #installAndAwait}).
 */
public final class KubeVirtCrds {

  private KubeVirtCrds() {}

  /**
   * Creates every CRD that does not exist yet; existing ones (also those created concurrently) are
   * left as they are. Does not wait for the API server to serve them.
   */
  private static void install(KubernetesClient client) {
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

  /**
   * {@link #install}, then waits (at most 30 seconds) until the API server serves every kind: a
   * list answers instead of 404, which the API server does once the CRD is Established.
   */
  public static void installAndAwait(KubernetesClient client) {
    install(client);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (KubeVirtKind kind : KubeVirtKind.values()) {
      while (!served(client, kind)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the API server does not serve " + kind.kind());
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for " + kind.kind(), e);
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

  private static boolean served(KubernetesClient client, KubeVirtKind kind) {
    try {
      client
          .genericKubernetesResources(kind.context())
          .inAnyNamespace()
          .list(new ListOptionsBuilder().withLimit(1L).build());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
