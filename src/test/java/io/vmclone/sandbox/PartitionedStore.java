package io.vmclone.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The mock's CRUD store, one fabric8 store per resource (API group and plural). fabric8's store
 * matches every request against every object it holds, under one lock; with a thousand clones and
 * their twenty thousand events in one store, a GET of a VirtualMachine cost as much as a scan of
 * all events and the mock, not the operator, set every benchmark's pace. A real API server finds an
 * object by its key. Resource versions are counted per resource, which is all a client compares.
 * Expectations are shared: every partition answers them first. Every partition holds every
 * CustomResourceDefinition, since the store gives custom resources their {@code /status} semantics
 * from them; discovery is answered by the partition of other paths, which holds them too.
 *
 * <p>Events are kept as a real API server keeps them, for a while only ({@code --event-ttl}): the
 * newest {@value #EVENTS_KEPT} by default, since every new one costs a scan of all kept before it.
 */
final class PartitionedStore extends Dispatcher {

  static final int EVENTS_KEPT = 5000;
  private static final String OTHER = "";
  private static final String EVENTS = "/events";
  private static final String DEFINITIONS = "apiextensions.k8s.io/customresourcedefinitions";
  private static final Field CRUD_STORE = crudStore();

  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final int eventsKept;
  private final Map<String, KubernetesMixedDispatcher> partitions = new ConcurrentHashMap<>();
  private final List<RecordedRequest> definitionWrites = new CopyOnWriteArrayList<>();

  PartitionedStore(Map<ServerRequest, Queue<ServerResponse>> expectations, int eventsKept) {
    this.expectations = expectations;
    this.eventsKept = eventsKept;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String resource = resourceOf(RoutingDispatcher.withoutQuery(request.getPath()));
    if (resource.equals(DEFINITIONS)) {
      return define(request);
    }
    KubernetesMixedDispatcher partition = partition(resource);
    MockResponse response = partition.dispatch(request);
    if (resource.equals(EVENTS)
        && request.getMethod().equals("POST")
        && response.code() == HttpURLConnection.HTTP_CREATED) {
      forgetOldest(objects(partition), eventsKept);
    }
    return response;
  }

  private KubernetesMixedDispatcher partition(String resource) {
    return partitions.computeIfAbsent(
        resource,
        key -> {
          KubernetesMixedDispatcher created = new KubernetesMixedDispatcher(expectations);
          definitionWrites.forEach(write -> created.dispatch(copy(write)));
          return created;
        });
  }

  /** A CRD request: answered by the partition of other paths, a write repeated in every other. */
  private MockResponse define(RecordedRequest request) {
    MockResponse response = partition(OTHER).dispatch(request);
    boolean write = !request.getMethod().equals("GET");
    if (write && response.code() >= 200 && response.code() < 300) {
      definitionWrites.add(copy(request));
      partitions.forEach(
          (resource, partition) -> {
            if (!resource.equals(OTHER)) {
              partition.dispatch(copy(request));
            }
          });
    }
    return response;
  }

  private static RecordedRequest copy(RecordedRequest request) {
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    return new RecordedRequest(
        request.getHttpVersion(),
        request.method(),
        request.getPath(),
        request.getHeaders(),
        new Buffer(body));
  }

  /** Drops the objects stored first until {@code kept} are left. */
  static void forgetOldest(Map<?, ?> objects, int kept) {
    synchronized (objects) {
      Iterator<?> oldestFirst = objects.keySet().iterator();
      for (int excess = objects.size() - kept; excess > 0 && oldestFirst.hasNext(); excess--) {
        oldestFirst.next();
        oldestFirst.remove();
      }
    }
  }

  /** The CRUD store's map (insertion ordered), which fabric8 keeps in a private field. */
  private static Map<?, ?> objects(KubernetesMixedDispatcher partition) {
    try {
      return ((KubernetesCrudDispatcher) CRUD_STORE.get(partition)).getMap();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("fabric8's mock store is out of reach", e);
    }
  }

  private static Field crudStore() {
    try {
      Field crud = KubernetesMixedDispatcher.class.getDeclaredField("kubernetesCrudDispatcher");
      crud.setAccessible(true);
      return crud;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("fabric8's mock keeps its store elsewhere now", e);
    }
  }

  @Override
  public void shutdown() {
    partitions.values().forEach(Dispatcher::shutdown);
  }

  /**
   * The resource an API path is about, as {@code group/plural} ({@code /plural} for the core
   * group); an empty string for discovery and other paths.
   */
  static String resourceOf(String path) {
    String[] parts = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    int first;
    String group;
    if (parts.length >= 3 && parts[0].equals("api")) {
      group = "";
      first = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      group = parts[1];
      first = 3;
    } else {
      return OTHER;
    }
    boolean namespaced = parts[first].equals("namespaces") && parts.length >= first + 3;
    return group + "/" + parts[namespaced ? first + 2 : first];
  }
}
