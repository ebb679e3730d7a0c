package io.vmclone.operator.platform.kubevirt;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.platform.VmPlatform;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes a {@link KubeVirtPlatform} for each client, and so for each identity. */
@ApplicationScoped
class KubeVirtPlatforms implements VmPlatform.Factory {

  @Override
  public VmPlatform forClient(KubernetesClient client) {
    return new KubeVirtPlatform(client);
  }
}
