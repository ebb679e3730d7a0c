package io.vmclone.sandbox.front;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A request path that names resources: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUB]]} or
 * {@code /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME[/SUB]]}. Discovery paths are not resource
 * paths.
 *
 * @param group empty for the core group
 * @param namespace null for cluster-scoped requests and lists across namespaces
 * @param name null for collections
 * @param subresource null unless the path goes below the object (status, scale, ...)
 */
public record ResourcePath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  static Optional<ResourcePath> parse(String path) {
    List<String> parts = Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toList();
    if (parts.size() >= 3 && parts.get(0).equals("api")) {
      return below("", parts.get(1), parts.subList(2, parts.size()));
    }
    if (parts.size() >= 4 && parts.get(0).equals("apis")) {
      return below(parts.get(1), parts.get(2), parts.subList(3, parts.size()));
    }
    return Optional.empty();
  }

  private static Optional<ResourcePath> below(String group, String version, List<String> rest) {
    String namespace = null;
    List<String> tail = rest;
    // /namespaces/NS/... names a namespaced resource; /namespaces and /namespaces/NS the namespace
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      tail = rest.subList(2, rest.size());
    }
    if (tail.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(
        new ResourcePath(
            group,
            version,
            namespace,
            tail.get(0),
            tail.size() > 1 ? tail.get(1) : null,
            tail.size() > 2 ? tail.get(2) : null));
  }

  boolean isCollection() {
    return name == null;
  }

  boolean isMainResource() {
    return subresource == null;
  }
}
