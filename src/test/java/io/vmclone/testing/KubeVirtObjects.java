package io.vmclone.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Optional;

/**
 * Test-side reads and writes of KubeVirt and CDI objects (and core objects given as trees) through
 * one client, as Jackson trees: what a test sets up and checks around the code under test. Usually
 * the admin's client of the {@link TestControlPlane}, so that setup never depends on the rights of
 * the identity under test.
 */
public final class KubeVirtObjects {

  private final KubernetesClient client;

  public KubeVirtObjects(KubernetesClient client) {
    this.client = client;
  }

  /** Through the shared admin client of the test JVM's control plane. */
  public static KubeVirtObjects asAdmin() {
    return new KubeVirtObjects(TestControlPlane.admin());
  }

  public KubernetesClient client() {
    return client;
  }

  /**
   * Creates the object (any core kind, or a KubeVirt/CDI kind: the client finds the kind by
   * discovery) and returns it as the API server stored it (defaulted and pruned).
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

  /**
   * Applies a JSON merge patch (RFC 7386: objects merge, arrays and values replace, null removes)
   * to the main resource, whatever its resourceVersion; returns the object as stored.
   */
  public ObjectNode mergePatch(KubeVirtKind kind, String namespace, String name, ObjectNode patch) {
    return toNode(
        client
            .genericKubernetesResources(kind.context())
            .inNamespace(namespace)
            .withName(name)
            .patch(
                new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).build(),
                json(patch)));
  }

  /** Replaces the object's status; the object must carry the resourceVersion it was read with. */
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

  /** Deletes the object (background propagation); a missing object is fine. */
  public void delete(KubeVirtKind kind, String namespace, String name) {
    client
        .genericKubernetesResources(kind.context())
        .inNamespace(namespace)
        .withName(name)
        .delete();
  }

  /** The names of the objects of a kind in the namespace. */
  public List<String> names(KubeVirtKind kind, String namespace) {
    return client
        .genericKubernetesResources(kind.context())
        .inNamespace(namespace)
        .list()
        .getItems()
        .stream()
        .map(item -> item.getMetadata().getName())
        .toList();
  }

  /** The names of the objects of a kind in the namespace that carry the label with that value. */
  public List<String> labelled(KubeVirtKind kind, String namespace, String label, String value) {
    return client
        .genericKubernetesResources(kind.context())
        .inNamespace(namespace)
        .withLabel(label, value)
        .list()
        .getItems()
        .stream()
        .map(item -> item.getMetadata().getName())
        .toList();
  }

  private String json(ObjectNode node) {
    return serialization().asJson(node);
  }

  private ObjectNode toNode(Object resource) {
    return serialization().convertValue(resource, ObjectNode.class);
  }

  private KubernetesSerialization serialization() {
    return client.getKubernetesSerialization();
  }
}
