package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * The generic client's handles on the KubeVirt and CDI kinds, and the conversions between its
 * objects and Jackson trees: the plumbing under {@link KubeApi}, which decides what the calls mean.
 */
final class GenericResources {

  private final KubernetesClient client;

  GenericResources(KubernetesClient client) {
    this.client = client;
  }

  /** The object of that name (fabric8 reads it first for some operations on it). */
  Resource<GenericKubernetesResource> named(
      KubeVirtResource resource, String namespace, String name) {
    return client
        .genericKubernetesResources(resource.context())
        .inNamespace(namespace)
        .withName(name);
  }

  /** The object as given, for a request that sends it (create, update, patch). */
  Resource<GenericKubernetesResource> items(
      KubeVirtResource resource, String namespace, GenericKubernetesResource item) {
    return client
        .genericKubernetesResources(resource.context())
        .inNamespace(namespace)
        .resource(item);
  }

  /** The object as a name only, for a request that needs no more of it. */
  static GenericKubernetesResource reference(
      KubeVirtResource resource, String namespace, String name) {
    GenericKubernetesResource item = new GenericKubernetesResource();
    item.setApiVersion(resource.apiVersion());
    item.setKind(resource.kind());
    item.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    return item;
  }

  ObjectNode toNode(GenericKubernetesResource resource) {
    return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
  }

  GenericKubernetesResource fromNode(ObjectNode node) {
    return client.getKubernetesSerialization().convertValue(node, GenericKubernetesResource.class);
  }
}
