package io.vmclone.crash;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vmclone.testing.KubeVirtKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a finished case's namespace with everything in it and waits until it is gone, so that the
 * next case's simulator (which watches every namespace) never meets a namespace being terminated.
 * First it drops the finalizers that nobody here would ever remove: the clones' (no operator runs
 * any more), the source VMs' of a failed case, and the PersistentVolumeClaims' {@code
 * kubernetes.io/pvc-protection} (this control plane runs no PVC protection controller).
 */
final class NamespaceSweep {

  private static final ResourceDefinitionContext CLONES =
      new ResourceDefinitionContext.Builder()
          .withGroup("vmclone.io")
          .withVersion("v1alpha1")
          .withPlural("virtualmachineclones")
          .withKind("VirtualMachineClone")
          .withNamespaced(true)
          .build();

  private NamespaceSweep() {}

  static void sweep(KubernetesClient admin, String namespace, Duration limit) {
    List<ResourceDefinitionContext> kinds = new ArrayList<>();
    kinds.add(CLONES);
    for (KubeVirtKind kind : KubeVirtKind.values()) {
      kinds.add(kind.context());
    }
    for (ResourceDefinitionContext kind : kinds) {
      for (GenericKubernetesResource object :
          admin.genericKubernetesResources(kind).inNamespace(namespace).list().getItems()) {
        if (!object.getMetadata().getFinalizers().isEmpty()) {
          admin
              .genericKubernetesResources(kind)
              .inNamespace(namespace)
              .withName(object.getMetadata().getName())
              .edit(NamespaceSweep::withoutFinalizers);
        }
      }
    }
    for (var claim : admin.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
      if (!claim.getMetadata().getFinalizers().isEmpty()) {
        admin
            .persistentVolumeClaims()
            .inNamespace(namespace)
            .withName(claim.getMetadata().getName())
            .edit(NamespaceSweep::withoutFinalizers);
      }
    }
    admin.namespaces().withName(namespace).delete();
    Waits.until(
        "namespace " + namespace + " to be gone",
        limit,
        Duration.ofMillis(200),
        () -> admin.namespaces().withName(namespace).get() == null);
  }

  private static <T extends HasMetadata> T withoutFinalizers(T object) {
    object.getMetadata().setFinalizers(List.of());
    return object;
  }
}
