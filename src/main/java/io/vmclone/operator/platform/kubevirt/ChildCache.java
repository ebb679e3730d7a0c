package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.DATA_VOLUME;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE_SNAPSHOT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.platform.ChildWatch;
import io.vmclone.operator.platform.VmPlatform;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The operator's own view of the objects clones create: an informer per kind (VirtualMachines,
 * VirtualMachineSnapshots, DataVolumes) and per watched namespace, selecting the {@value
 * io.vmclone.operator.platform.VmPlatform#TASK_LABEL} label so that the caches hold only clones'
 * objects. Reads of such an object come from the cache ({@link #find}); a miss, a namespace not
 * watched or a cache not yet listed sends the read to the API server. What the operator wrote a
 * moment ago wins over an older cached copy ({@link RecentWrites}). Both replicas keep the caches
 * full, so a new leader starts with them.
 *
 * <p>The namespaces are the controller's ({@code
 * quarkus.operator-sdk.controllers.virtualmachineclone.namespaces}); objects a clone creates in
 * another namespace are read from the API server and their clone polls.
 */
@ApplicationScoped
public class ChildCache implements ChildWatch {

  static final List<KubeVirtResource> KINDS =
      List.of(VIRTUAL_MACHINE, VIRTUAL_MACHINE_SNAPSHOT, DATA_VOLUME);

  private static final Logger LOG = Logger.getLogger(ChildCache.class);

  private final KubernetesClient client;
  private final GenericResources resources;
  private final WatchedNamespaces namespaces;
  private final boolean enabled;
  private final RecentWrites recent;
  private final Map<KubeVirtResource, Map<String, SharedIndexInformer<GenericKubernetesResource>>>
      informers = new ConcurrentHashMap<>();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param enabled {@code vmclone.polling.watch-children}: false runs no informer, and every read
   *     goes to the API server (read here, not through {@code OperatorConfig}: the platform does
   *     not depend on the operator's configuration package)
   */
  public ChildCache(
      KubernetesClient client,
      Clock clock,
      @ConfigProperty(name = "quarkus.operator-sdk.controllers.virtualmachineclone.namespaces")
          Optional<List<String>> namespaces,
      @ConfigProperty(name = "vmclone.polling.watch-children", defaultValue = "true")
          boolean enabled) {
    this.client = client;
    this.resources = new GenericResources(client);
    this.namespaces = WatchedNamespaces.of(namespaces, client.getNamespace());
    this.enabled = enabled;
    this.recent = new RecentWrites(clock);
  }

  void start(@Observes StartupEvent started) {
    if (!enabled) {
      return;
    }
    for (KubeVirtResource kind : KINDS) {
      informers.put(kind, ChildInformers.start(client, kind, namespaces, new Changes(kind)));
    }
  }

  void stop(@Observes ShutdownEvent stopping) {
    informers.values().forEach(byNamespace -> byNamespace.values().forEach(i -> i.stop()));
  }

  @Override
  public void onChange(Consumer<String> listener) {
    listeners.add(listener);
  }

  @Override
  public boolean watches(String namespace) {
    return KINDS.stream().allMatch(kind -> current(kind, namespace).isPresent());
  }

  /**
   * The object as the cache knows it: empty when the cache cannot answer (a miss included: the
   * object may exist without the label, or be too new for the watch), so the caller asks the API
   * server. A present answer is the cached copy, or the operator's own newer write.
   */
  Optional<ObjectNode> find(KubeVirtResource kind, String namespace, String name) {
    Optional<SharedIndexInformer<GenericKubernetesResource>> informer = current(kind, namespace);
    if (informer.isEmpty()) {
      return Optional.empty();
    }
    Optional<ObjectNode> cached =
        Optional.ofNullable(informer.get().getStore().getByKey(namespace + "/" + name))
            .map(resources::toNode);
    RecentWrites.Pending pending =
        recent.pending(key(kind, namespace, name), cached.map(RecentWrites::version).orElse(-1L));
    return switch (pending.kind()) {
      case NONE -> cached;
      case WRITTEN -> Optional.of(pending.object().deepCopy());
      case LIVE -> Optional.empty();
    };
  }

  /**
   * Whether the cache has listed the namespace and holds no such object, and the operator has not
   * just written one: then the object is not one of ours, and a creation may go ahead (it is told
   * by the API server if one of that name exists anyway).
   */
  boolean lacks(KubeVirtResource kind, String namespace, String name) {
    Optional<SharedIndexInformer<GenericKubernetesResource>> informer = current(kind, namespace);
    return informer.isPresent()
        && informer.get().getStore().getByKey(namespace + "/" + name) == null
        && recent.pending(key(kind, namespace, name), -1).kind() == RecentWrites.Pending.Kind.NONE;
  }

  /**
   * The operator created or updated the object; the API server answered with it. Only objects the
   * watch selects are remembered (another object is never read from the cache); one whose last
   * finalizer went while it was being deleted is gone.
   */
  void wrote(KubeVirtResource kind, ObjectNode object) {
    String namespace = object.at("/metadata/namespace").asText();
    if (informer(kind, namespace).isEmpty()
        || object.at("/metadata/labels").path(VmPlatform.TASK_LABEL).isMissingNode()) {
      return;
    }
    String key = key(kind, namespace, object.at("/metadata/name").asText());
    boolean deleting = object.at("/metadata/deletionTimestamp").isTextual();
    if (deleting && object.at("/metadata/finalizers").isEmpty()) {
      recent.deleted(key);
    } else {
      recent.wrote(key, object.deepCopy());
    }
  }

  /** The operator deleted the object: the cache may show it a while longer. */
  void deleted(KubeVirtResource kind, String namespace, String name) {
    if (informer(kind, namespace).isPresent()) {
      recent.deleted(key(kind, namespace, name));
    }
  }

  /**
   * The informer of that kind and namespace if its cache can answer now: it has listed, and its
   * watch is up (a watch that broke leaves the cache as it was, so reads go to the API server and
   * waiting clones are polled until it is back).
   */
  private Optional<SharedIndexInformer<GenericKubernetesResource>> current(
      KubeVirtResource kind, String namespace) {
    return informer(kind, namespace).filter(i -> i.hasSynced() && i.isWatching());
  }

  /** The informer of that kind and namespace, if one runs (the watch is on and covers it). */
  private Optional<SharedIndexInformer<GenericKubernetesResource>> informer(
      KubeVirtResource kind, String namespace) {
    Map<String, SharedIndexInformer<GenericKubernetesResource>> byNamespace = informers.get(kind);
    if (byNamespace == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byNamespace.get(namespaces.scopeOf(namespace)));
  }

  private static String key(KubeVirtResource kind, String namespace, String name) {
    return kind.name() + "/" + namespace + "/" + name;
  }

  /** Keeps {@link RecentWrites} in step with the watch and tells the listeners. */
  private final class Changes implements ChildInformers.Handler {
    private final KubeVirtResource kind;

    Changes(KubeVirtResource kind) {
      this.kind = kind;
    }

    @Override
    public void changed(
        String namespace, String name, String version, String taskId, boolean gone) {
      String key = key(kind, namespace, name);
      if (gone) {
        recent.gone(key);
      } else {
        recent.seen(key, RecentWrites.version(version));
      }
      if (taskId != null) {
        listeners.forEach(listener -> tell(listener, taskId));
      }
    }

    private void tell(Consumer<String> listener, String taskId) {
      try {
        listener.accept(taskId);
      } catch (RuntimeException e) {
        // e.g. a standby, whose controller (and so its event source) is not started
        LOG.debugf("change of a %s of task %s not passed on: %s", kind.kind(), taskId, e);
      }
    }
  }
}
