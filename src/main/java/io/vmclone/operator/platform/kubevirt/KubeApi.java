package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vmclone.operator.platform.PlatformException;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The platform's calls to the API server, on Jackson trees through the generic client. NotFound and
 * AlreadyExists become return values; 403 becomes a {@link PlatformException} with reason {@code
 * Forbidden}, and a write the API server refuses as unprocessable (422) one with reason {@code
 * AdmissionDenied} (a webhook said no: KubeVirt's or CDI's admission, e.g. CDI's check of a copy
 * from another namespace) or {@code Invalid} (the CRD's schema said no): retrying the same write
 * cannot help. Every other client error propagates.
 *
 * <p>Changes to the main resource are full updates carrying the resourceVersion they were computed
 * from, recomputed and retried a bounded number of times on a conflict. They rewrite whole lists
 * (finalizers, annotations) from what they read, so no patch semantics can duplicate an entry. The
 * exceptions are {@link #mergePatch}, for a value its caller knows whole without reading it, and
 * {@link #jsonPatch}, for a change its own tests guard.
 */
final class KubeApi {

  static final int MAX_CONFLICTS = 5;

  private final GenericResources resources;
  private final ChildCache cache;

  /**
   * @param cache where reads of clone objects are answered first, or null to read everything from
   *     the API server (a client of another identity must not see the operator's cache)
   */
  KubeApi(KubernetesClient client, ChildCache cache) {
    this.resources = new GenericResources(client);
    this.cache = cache;
  }

  /** The object, from the cache of clone objects if it has it, else from the API server. */
  Optional<ObjectNode> get(KubeVirtResource resource, String namespace, String name) {
    if (cache != null) {
      Optional<ObjectNode> cached = cache.find(resource, namespace, name);
      if (cached.isPresent()) {
        return cached;
      }
    }
    return live(resource, namespace, name);
  }

  /**
   * The object if it can be one of ours: as {@link #get}, but empty without asking the API server
   * when the cache has listed the namespace and holds no such object, which is then not ours (it
   * lacks the task label) or not there. For reads before a creation: the creation is refused with
   * AlreadyExists if one exists anyway, and {@link OwnedObjects#createOrGet} then reads it.
   */
  Optional<ObjectNode> getIfOurs(KubeVirtResource resource, String namespace, String name) {
    if (cache != null && cache.lacks(resource, namespace, name)) {
      return Optional.empty();
    }
    return get(resource, namespace, name);
  }

  /** The object as the API server has it now. */
  Optional<ObjectNode> live(KubeVirtResource resource, String namespace, String name) {
    return call(
        "get",
        resource,
        namespace,
        () ->
            Optional.ofNullable(resources.named(resource, namespace, name).get())
                .map(resources::toNode));
  }

  /** Creates the object; the object as created, or empty if one of that name exists. */
  Optional<ObjectNode> create(KubeVirtResource resource, ObjectNode object) {
    GenericKubernetesResource item = resources.fromNode(object);
    String namespace = item.getMetadata().getNamespace();
    return call(
        "create",
        resource,
        namespace,
        () -> {
          try {
            return Optional.of(
                written(
                    resource,
                    resources.toNode(resources.items(resource, namespace, item).create())));
          } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  /**
   * Deletes the object if {@code which} accepts it as it is now. The delete carries the
   * resourceVersion it was checked at as a precondition (which also pins its UID), so an object
   * changed or replaced in between is checked again, never deleted unchecked.
   */
  void deleteIf(
      KubeVirtResource resource, String namespace, String name, Predicate<ObjectNode> which) {
    for (int attempt = 1; ; attempt++) {
      Optional<ObjectNode> current = read(attempt, resource, namespace, name);
      if (current.isEmpty() || !which.test(current.get())) {
        return;
      }
      String version = current.get().at("/metadata/resourceVersion").asText();
      try {
        call(
            "delete",
            resource,
            namespace,
            () -> resources.named(resource, namespace, name).lockResourceVersion(version).delete());
        if (cache != null) {
          cache.deleted(resource, namespace, name);
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return;
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= MAX_CONFLICTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Updates the object with what {@code change} makes of a copy of it; {@code change} answers null
   * when nothing needs to change. Returns the object as it is afterwards, or empty if it does not
   * exist (also when the update removed its last finalizer and it went away).
   */
  Optional<ObjectNode> modify(
      KubeVirtResource resource, String namespace, String name, UnaryOperator<ObjectNode> change) {
    for (int attempt = 1; ; attempt++) {
      Optional<ObjectNode> current = read(attempt, resource, namespace, name);
      if (current.isEmpty()) {
        return current;
      }
      ObjectNode changed = change.apply(current.get().deepCopy());
      if (changed == null) {
        return current;
      }
      try {
        return update(resource, namespace, changed);
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

  /**
   * Writes the object as given, on condition that it is still at the resourceVersion it carries
   * (which also pins its UID): the object as written, or empty if it changed or went away since
   * (409, 404), for the caller to read it again. For a change computed from an object the caller
   * has just read; without a resourceVersion it would overwrite blindly, so one is required.
   */
  Optional<ObjectNode> replace(KubeVirtResource resource, ObjectNode object) {
    if (object.at("/metadata/resourceVersion").asText("").isEmpty()) {
      throw new IllegalArgumentException("an update without a resourceVersion overwrites blindly");
    }
    try {
      return update(resource, object.at("/metadata/namespace").asText(), object);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<ObjectNode> update(
      KubeVirtResource resource, String namespace, ObjectNode changed) {
    return call(
        "update",
        resource,
        namespace,
        () ->
            Optional.ofNullable(
                    resources.items(resource, namespace, resources.fromNode(changed)).update())
                .map(updated -> written(resource, resources.toNode(updated))));
  }

  /**
   * The first try of a read-modify-write may start from the cache; a retry after a conflict reads
   * the API server, since the cache may still hold the version that conflicted.
   */
  private Optional<ObjectNode> read(
      int attempt, KubeVirtResource resource, String namespace, String name) {
    return attempt == 1 ? get(resource, namespace, name) : live(resource, namespace, name);
  }

  private ObjectNode written(KubeVirtResource resource, ObjectNode object) {
    if (cache != null) {
      cache.wrote(resource, object);
    }
    return object;
  }

  /**
   * Applies a JSON merge patch (RFC 7386) in one request, with no read and no resourceVersion: what
   * the patch names replaces what is there, whoever wrote it. Only for values the caller knows
   * whole; a change computed from the object's current state goes through {@link #modify}.
   *
   * @return whether the object exists
   */
  boolean mergePatch(KubeVirtResource resource, String namespace, String name, ObjectNode patch) {
    try {
      call(
          "patch",
          resource,
          namespace,
          // on the object by name alone, fabric8 reads it first; as a resource it does not
          () ->
              resources
                  .items(resource, namespace, GenericResources.reference(resource, namespace, name))
                  .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString()));
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Applies a JSON patch (RFC 6902) in one request, with no read: for a change whose {@code test}
   * operations make it a compare-and-set of what it tests.
   *
   * @return whether it applied: false when the object does not exist or the patch does not apply to
   *     it (a test failed or a path is missing; the API server answers 422, as it would for a
   *     refusal by a webhook or the schema, which the caller's fallback write then meets again)
   */
  boolean jsonPatch(KubeVirtResource resource, String namespace, String name, ArrayNode patch) {
    return call(
        "patch",
        resource,
        namespace,
        () -> {
          try {
            written(
                resource,
                resources.toNode(
                    resources
                        .items(
                            resource,
                            namespace,
                            GenericResources.reference(resource, namespace, name))
                        .patch(PatchContext.of(PatchType.JSON), patch.toString())));
            return true;
          } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND
                || e.getCode() == ApiRefusals.UNPROCESSABLE_ENTITY) {
              return false;
            }
            throw e;
          }
        });
  }

  private <T> T call(
      String verb, KubeVirtResource resource, String namespace, Supplier<T> request) {
    return ApiRefusals.mapped(verb, resource, namespace, request);
  }
}
