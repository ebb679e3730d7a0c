package io.vmclone.operator.identity;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Who asked for a clone, as the API server authenticated them when the clone was created (the
 * admission webhook copies the request's userInfo, and the API server's policy checks the copy).
 * Never carries a credential.
 *
 * @param username e.g. {@code alice} or {@code system:serviceaccount:ci:builder}
 * @param uid the user's UID as the authenticator gave it (may be empty)
 * @param groups the user's groups
 * @param extra the authenticator's extra attributes (e.g. the pod a ServiceAccount token is bound
 *     to), sorted by key; passed on in the requester's SubjectAccessReviews
 */
public record RequesterIdentity(
    String username, String uid, List<String> groups, Map<String, List<String>> extra) {

  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public RequesterIdentity {
    groups = groups == null ? List.of() : List.copyOf(groups);
    uid = uid == null ? "" : uid;
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    if (extra != null) {
      extra.forEach(
          (key, values) -> sorted.put(key, values == null ? List.of() : List.copyOf(values)));
    }
    extra = Collections.unmodifiableSortedMap(sorted);
  }

  /** A requester without extra attributes. */
  public RequesterIdentity(String username, String uid, List<String> groups) {
    this(username, uid, groups, Map.of());
  }

  /** The ServiceAccount, when the requester is one. */
  public Optional<ServiceAccountRef> serviceAccount() {
    if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = username.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
        ? Optional.of(new ServiceAccountRef(parts[0], parts[1]))
        : Optional.empty();
  }

  /** A ServiceAccount by namespace and name. */
  public record ServiceAccountRef(String namespace, String name) {
    @Override
    public String toString() {
      return namespace + "/" + name;
    }
  }
}
