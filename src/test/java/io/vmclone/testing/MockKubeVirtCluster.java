package io.vmclone.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fabric8 mock API server in CRUD mode over plain HTTP (expectations set with {@code
 * server().expect()} answer first), with the KubeVirt and CDI CRDs stored (so their kinds have real
 * {@code /status} semantics), and a client for it.
 */
public final class MockKubeVirtCluster implements AutoCloseable {

  /** Held so that the level sticks: the mock logs every request at INFO. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  private MockKubeVirtCluster(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /** Starts a server on a free port and installs the CRDs. */
  public static MockKubeVirtCluster start() {
    MockKubeVirtCluster cluster = startWithoutCrds();
    KubeVirtCrds.install(cluster.client);
    return cluster;
  }

  /**
   * Starts a server on a free port without any CRD: KubeVirt kinds are then stored as plain objects
   * (no status subresource), as on a cluster whose CRDs the client does not know.
   */
  public static MockKubeVirtCluster startWithoutCrds() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    // the mixed dispatcher answers from expectations first (server().expect()), then as CRUD
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    server.init();
    return new MockKubeVirtCluster(server, server.createClient());
  }

  public KubernetesClient client() {
    return client;
  }

  public KubernetesMockServer server() {
    return server;
  }

  /** Another client of the same server, as a second process would have. Close it yourself. */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /**
   * Creates the object (any core kind, or a KubeVirt/CDI kind once its CRD is installed: the client
   * finds the kind by discovery) and returns it as stored.
   */
  public ObjectNode create(ObjectNode object) {
    HasMetadata created = client.resource(serialization().asJson(object)).create();
    return toNode(created);
  }

  /** The object as stored, or empty. */
  public Optional<ObjectNode> get(KubeVirtKind kind, String namespace, String name) {
    GenericKubernetesResource found =
        client
            .genericKubernetesResources(kind.context())
            .inNamespace(namespace)
            .withName(name)
            .get();
    return Optional.ofNullable(found).map(this::toNode);
  }

  /** The object as stored; fails if it does not exist. */
  public ObjectNode require(KubeVirtKind kind, String namespace, String name) {
    return get(kind, namespace, name)
        .orElseThrow(
            () -> new AssertionError(kind.kind() + " " + namespace + "/" + name + " missing"));
  }

  /** Replaces the object's main resource (not its status), carrying its resourceVersion. */
  public ObjectNode update(KubeVirtKind kind, ObjectNode object) {
    GenericKubernetesResource resource =
        serialization().convertValue(object, GenericKubernetesResource.class);
    return toNode(
        client
            .genericKubernetesResources(kind.context())
            .inNamespace(resource.getMetadata().getNamespace())
            .resource(resource)
            .update());
  }

  /** Replaces the object's status, carrying its resourceVersion. */
  public ObjectNode updateStatus(KubeVirtKind kind, ObjectNode object) {
    GenericKubernetesResource resource =
        serialization().convertValue(object, GenericKubernetesResource.class);
    return toNode(
        client
            .genericKubernetesResources(kind.context())
            .inNamespace(resource.getMetadata().getNamespace())
            .resource(resource)
            .updateStatus());
  }

  public void delete(KubeVirtKind kind, String namespace, String name) {
    client
        .genericKubernetesResources(kind.context())
        .inNamespace(namespace)
        .withName(name)
        .delete();
  }

  private ObjectNode toNode(Object resource) {
    return serialization().convertValue(resource, ObjectNode.class);
  }

  private KubernetesSerialization serialization() {
    return client.getKubernetesSerialization();
  }
}
