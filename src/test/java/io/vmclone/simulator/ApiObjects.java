package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.vmclone.testing.KubeVirtKind;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The simulator's access to the API server, in Jackson trees. Status is written the way KubeVirt's
 * controllers write it: a full update of {@code /status} carrying the resourceVersion it was
 * computed from, recomputed and retried on a conflict. An object that went away meanwhile, or whose
 * namespace is being deleted, is left alone, as a controller leaves it.
 */
final class ApiObjects {

  private static final int MAX_CONFLICTS = 10;

  private final KubernetesClient client;

  ApiObjects(KubernetesClient client) {
    this.client = client;
  }

  Optional<ObjectNode> get(KubeVirtKind kind, String namespace, String name) {
    return Optional.ofNullable(resource(kind, namespace, name).get()).map(this::toNode);
  }

  /** A PersistentVolumeClaim's spec, if the claim exists. */
  Optional<ObjectNode> claimSpec(String namespace, String name) {
    var claim = client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
    return Optional.ofNullable(claim)
        .map(c -> client.getKubernetesSerialization().convertValue(c.getSpec(), ObjectNode.class));
  }

  /** Creates the object; false if one of that name exists already. */
  boolean create(KubeVirtKind kind, ObjectNode object) {
    GenericKubernetesResource resource = fromNode(object);
    try {
      client
          .genericKubernetesResources(kind.context())
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(resource)
          .create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || namespaceTerminating(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Creates a core object (e.g. a PersistentVolumeClaim) given as a tree; false if it exists. */
  boolean createCore(ObjectNode object) {
    try {
      client.resource(client.getKubernetesSerialization().asJson(object)).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT || namespaceTerminating(e)) {
        return false;
      }
      throw e;
    }
  }

  void delete(KubeVirtKind kind, String namespace, String name) {
    resource(kind, namespace, name).delete();
  }

  /**
   * Replaces the object's status with what {@code newStatus} computes from the current object;
   * {@code newStatus} answers null to leave it alone. Returns the object as written, or empty if it
   * is gone or nothing changed.
   */
  Optional<ObjectNode> writeStatus(
      KubeVirtKind kind, String namespace, String name, UnaryOperator<ObjectNode> newStatus) {
    for (int attempt = 1; ; attempt++) {
      Optional<ObjectNode> current = get(kind, namespace, name);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      ObjectNode object = current.get();
      JsonNode status = newStatus.apply(object.deepCopy());
      if (status == null || status.equals(object.get("status"))) {
        return Optional.empty();
      }
      object.set("status", status);
      try {
        resource(kind, namespace, fromNode(object)).updateStatus();
        return Optional.of(object);
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return Optional.empty();
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_CONFLICTS) {
          throw e;
        }
      }
    }
  }

  /** The API server refuses new objects in a namespace being deleted (403 NamespaceTerminating). */
  private static boolean namespaceTerminating(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
        && e.getStatus() != null
        && e.getStatus().getDetails() != null
        && e.getStatus().getDetails().getCauses().stream()
            .anyMatch(cause -> "NamespaceTerminating".equals(cause.getReason()));
  }

  ObjectNode toNode(GenericKubernetesResource resource) {
    return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
  }

  private GenericKubernetesResource fromNode(ObjectNode node) {
    return client.getKubernetesSerialization().convertValue(node, GenericKubernetesResource.class);
  }

  private Resource<GenericKubernetesResource> resource(
      KubeVirtKind kind, String namespace, String name) {
    return client.genericKubernetesResources(kind.context()).inNamespace(namespace).withName(name);
  }

  private Resource<GenericKubernetesResource> resource(
      KubeVirtKind kind, String namespace, GenericKubernetesResource item) {
    return client.genericKubernetesResources(kind.context()).inNamespace(namespace).resource(item);
  }
}
