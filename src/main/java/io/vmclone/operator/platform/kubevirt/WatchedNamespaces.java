package io.vmclone.operator.platform.kubevirt;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The namespaces the controller watches, as java-operator-sdk reads its {@code namespaces} setting:
 * unset or {@value #ALL} means every namespace, which one informer per kind serves; {@value
 * #CURRENT} the namespace the client is in; otherwise one informer per kind and namespace. (The two
 * values are JOSDK's {@code Constants}, which this layer does not import.)
 */
record WatchedNamespaces(boolean all, Set<String> names) {

  static final String ALL = "JOSDK_ALL_NAMESPACES";

  static final String CURRENT = "JOSDK_WATCH_CURRENT";

  /** The scope key of the informers that watch every namespace. */
  static final String ANY = "*";

  /**
   * @param setting the controller's {@code namespaces}
   * @param current the namespace the client is in, for {@value #CURRENT}
   */
  static WatchedNamespaces of(Optional<List<String>> setting, String current) {
    List<String> names =
        setting.orElse(List.of()).stream()
            .map(String::trim)
            .map(name -> CURRENT.equals(name) ? current : name)
            .toList();
    if (names.isEmpty() || names.contains(ALL)) {
      return new WatchedNamespaces(true, Set.of());
    }
    return new WatchedNamespaces(false, Set.copyOf(names));
  }

  /** The scopes to run informers in: {@link #ANY}, or each namespace. */
  Set<String> scopes() {
    return all ? Set.of(ANY) : names;
  }

  /** The scope whose informer holds that namespace's objects, or null if none does. */
  String scopeOf(String namespace) {
    if (all) {
      return ANY;
    }
    return names.contains(namespace) ? namespace : null;
  }
}
