package io.vmclone.operator.platform.kubevirt;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.vmclone.operator.platform.VmPlatform;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Starts the informers of one kind of clone object, one per watched scope, selecting the task
 * label. They start without waiting for their first list (an API server that is slow to answer, or
 * a CRD installed later, must not hold up the operator's start) and retry for as long as the
 * process runs. The cached copies carry no {@code managedFields}, which nothing here reads and
 * which made up a good part of each object.
 */
final class ChildInformers {

  /** Hears of one object's change. */
  interface Handler {
    /**
     * @param taskId the object's task label (null if absent)
     * @param gone whether the object was deleted
     */
    void changed(String namespace, String name, String version, String taskId, boolean gone);
  }

  private static final Logger LOG = Logger.getLogger(ChildInformers.class);

  private ChildInformers() {}

  static Map<String, SharedIndexInformer<GenericKubernetesResource>> start(
      KubernetesClient client,
      KubeVirtResource kind,
      WatchedNamespaces namespaces,
      Handler handler) {
    Map<String, SharedIndexInformer<GenericKubernetesResource>> informers = new HashMap<>();
    for (String scope : namespaces.scopes()) {
      var resources = client.genericKubernetesResources(kind.context());
      FilterWatchListDeletable<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          scoped =
              WatchedNamespaces.ANY.equals(scope)
                  ? resources.inAnyNamespace()
                  : resources.inNamespace(scope);
      SharedIndexInformer<GenericKubernetesResource> informer =
          scoped.withLabel(VmPlatform.TASK_LABEL).runnableInformer(0);
      informer.itemStore(new WithoutManagedFields());
      informer.exceptionHandler(
          (started, failure) -> {
            // Retried with back-off; meanwhile reads go to the API server and clones are polled.
            LOG.warnf(
                "watch of %s in %s failed, retrying: %s",
                kind.resourceName(), scope, failure.toString());
            return true;
          });
      informer.addEventHandler(new Forward(handler));
      informer.start();
      informers.put(scope, informer);
    }
    return informers;
  }

  /** The informer's store, without the server's bookkeeping of who manages which field. */
  private static final class WithoutManagedFields
      extends BasicItemStore<GenericKubernetesResource> {
    WithoutManagedFields() {
      super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public GenericKubernetesResource put(String key, GenericKubernetesResource object) {
      object.getMetadata().setManagedFields(null);
      return super.put(key, object);
    }
  }

  private record Forward(Handler handler)
      implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource object) {
      tell(object, false);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      tell(after, false);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      tell(object, true);
    }

    private void tell(GenericKubernetesResource object, boolean gone) {
      var metadata = object.getMetadata();
      String taskId =
          metadata.getLabels() == null ? null : metadata.getLabels().get(VmPlatform.TASK_LABEL);
      handler.changed(
          metadata.getNamespace(), metadata.getName(), metadata.getResourceVersion(), taskId, gone);
    }
  }
}
