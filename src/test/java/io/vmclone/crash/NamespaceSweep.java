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
 * Empties a finished case's namespace of what the simulator acts on (VMs, snapshots, DataVolumes,
 * their claims) and of its clones, and waits until they are gone, so that the next case's simulator
 * (which watches every namespace) finds nothing of it. The finalizers nobody here would remove go
 * first: the clones' (no operator runs any more), the source VMs' of a failed case, and the claims'
 * {@code kubernetes.io/pvc-protection} (this control plane runs no PVC protection controller). The
 * namespace itself stays, with its ServiceAccount and events: deleting it costs the namespace
 * controller's five seconds a case, and the control plane goes at the end of the run anyway.
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

  private static final ResourceDefinitionContext CLAIMS =
      new ResourceDefinitionContext.Builder()
          .withVersion("v1")
          .withPlural("persistentvolumeclaims")
          .withKind("PersistentVolumeClaim")
          .withNamespaced(true)
          .build();

  private NamespaceSweep() {}

  static void sweep(KubernetesClient admin, String namespace, Duration limit) {
    List<ResourceDefinitionContext> kinds = new ArrayList<>(List.of(CLONES, CLAIMS));
    for (KubeVirtKind kind : KubeVirtKind.values()) {
      kinds.add(kind.context());
    }
    for (ResourceDefinitionContext kind : kinds) {
      var objects = admin.genericKubernetesResources(kind).inNamespace(namespace);
      for (GenericKubernetesResource object : objects.list().getItems()) {
        if (!object.getMetadata().getFinalizers().isEmpty()) {
          objects.withName(object.getMetadata().getName()).edit(NamespaceSweep::withoutFinalizers);
        }
      }
      objects.delete();
    }
    Waits.until(
        "namespace " + namespace + " to be empty",
        limit,
        Duration.ofMillis(100),
        () ->
            kinds.stream()
                .allMatch(
                    kind ->
                        admin
                            .genericKubernetesResources(kind)
                            .inNamespace(namespace)
                            .list()
                            .getItems()
                            .isEmpty()));
  }

  private static <T extends HasMetadata> T withoutFinalizers(T object) {
    object.getMetadata().setFinalizers(List.of());
    return object;
  }
}
