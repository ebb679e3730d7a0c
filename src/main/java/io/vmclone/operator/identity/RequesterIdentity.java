package io.vmclone.operator.identity;

import java.util.List;
import java.util.Optional;

/**
 * Who asked for a clone, as the API server authenticated them when the clone was created (the
 * admission webhook copies the request's userInfo). Never carries a credential.
 *
 * @param username e.g. {@code alice} or {@code system:serviceaccount:ci:builder}
 * @param uid the user's UID as the authenticator gave it (may be empty)
 * @param groups the user's groups
 */
public record RequesterIdentity(String username, String uid, List<String> groups) {

  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

  public RequesterIdentity {
    groups = groups == null ? List.of() : List.copyOf(groups);
    uid = uid == null ? "" : uid;
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
