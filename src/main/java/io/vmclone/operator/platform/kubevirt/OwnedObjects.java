package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.platform.Ownership;

/**
 * The objects a clone's actions create under deterministic names: their manifests start marked as
 * the owner's ({@link Labels#mark}), a create that finds one of that name returns it (the caller
 * then checks it is ours), and deletes touch only objects provably the owner's.
 */
final class OwnedObjects {

  private final KubeApi api;

  OwnedObjects(KubeApi api) {
    this.api = api;
  }

  /** A new manifest of the resource with its name, namespace and the owner's marks. */
  static ObjectNode manifest(
      KubeVirtResource resource, String namespace, String name, Ownership owner) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", resource.apiVersion()).put("kind", resource.kind());
    object.putObject("metadata").put("name", name).put("namespace", namespace);
    Labels.mark(resource, object, owner);
    return object;
  }

  /**
   * Creates the object, or reads the one of that name that exists.
   *
   * @throws KubernetesClientException if it exists but is gone when read: the caller retries
   */
  ObjectNode createOrGet(
      KubeVirtResource resource, String namespace, String name, ObjectNode manifest) {
    return api.create(resource, manifest)
        .or(() -> api.get(resource, namespace, name))
        .orElseThrow(() -> vanished(resource, namespace, name));
  }

  /** Deletes the object if it is provably the owner's ({@link KubeApi#deleteIf}). */
  void deleteIfOurs(KubeVirtResource resource, String namespace, String name, Ownership owner) {
    api.deleteIf(resource, namespace, name, object -> Labels.isOurs(resource, object, owner));
  }

  /** Created or found a moment ago, gone now: someone deleted it; the caller retries. */
  private static KubernetesClientException vanished(
      KubeVirtResource resource, String namespace, String name) {
    return new KubernetesClientException(
        resource.kind() + " " + namespace + "/" + name + " vanished while being created");
  }
}
