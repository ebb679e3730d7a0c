package io.vmclone.sandbox.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.sandbox.MockStore;
import io.vmclone.sandbox.front.UserInfo;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which ServiceAccounts exist right now: those of the current policy whose object is also in the
 * API server (deleting either one revokes the account), and whether the objects tokens are bound to
 * still exist. Reads the mock in process, so it may run on the mock's event loop.
 */
public final class ServiceAccounts {

  private final Supplier<Policy> policy;
  private final MockStore store;

  public ServiceAccounts(Supplier<Policy> policy, MockStore store) {
    this.policy = policy;
    this.store = store;
  }

  /** The account's userInfo (uid of its object), if it is in the policy and the API server. */
  public Optional<UserInfo> active(String namespace, String name) {
    Optional<PolicyServiceAccount> account = policy.get().serviceAccount(namespace, name);
    if (account.isEmpty()) {
      return Optional.empty();
    }
    return store
        .get("/api/v1/namespaces/" + namespace + "/serviceaccounts/" + name)
        .map(object -> account.get().userInfo(object.path("metadata").path("uid").asText("")));
  }

  /** Why a token bound to this object is no longer valid; empty while the object lives. */
  public Optional<String> boundObjectProblem(
      String namespace, ServiceAccountTokens.BoundObject bound) {
    String plural = bound.kind().toLowerCase(Locale.ROOT) + "s";
    Optional<JsonNode> object =
        store.get("/api/v1/namespaces/" + namespace + "/" + plural + "/" + bound.name());
    if (object.isEmpty()) {
      return Optional.of(plural + " \"" + bound.name() + "\" not found");
    }
    String uid = object.get().path("metadata").path("uid").asText("");
    if (!bound.uid().isEmpty() && !bound.uid().equals(uid)) {
      return Optional.of(
          "the "
              + bound.kind()
              + " \""
              + bound.name()
              + "\" the token is bound to was replaced (uid "
              + uid
              + ")");
    }
    return Optional.empty();
  }
}
