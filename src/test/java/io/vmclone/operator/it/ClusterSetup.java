package io.vmclone.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.vmclone.testing.KubeVirtCrds;
import io.vmclone.testing.TestIdentityApis;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Prepares the mock API server before the operator starts: our CRD from {@code crds/} (the
 * committed file, so a broken CRD breaks the tests) and the KubeVirt/CDI CRDs.
 */
public class ClusterSetup implements Consumer<KubernetesServer> {

  @Override
  public void accept(KubernetesServer server) {
    KubernetesClient client = server.getClient();
    try (InputStream crd = new FileInputStream("crds/virtualmachineclones.vmclone.io-v1.yml")) {
      client.load(crd).createOrReplace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KubeVirtCrds.install(client);
    TestIdentityApis.install(server);
  }
}
