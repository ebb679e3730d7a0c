package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.front.UserInfo;
import java.util.List;
import java.util.Optional;

/**
 * Checks a ServiceAccount token as TokenReview does: it authenticates iff it was issued here, has
 * not expired, is meant for one of the audiences asked about, its bound object still exists, and
 * its ServiceAccount is still in the policy and in the API server. Errors never repeat the token.
 */
public final class TokenReviewer {

  /** The outcome of one review. */
  public sealed interface Result permits Authenticated, Rejected {}

  /**
   * @param audiences those of the token that the review asked about
   */
  public record Authenticated(UserInfo user, List<String> audiences) implements Result {}

  public record Rejected(String error) implements Result {}

  private final ServiceAccountTokens tokens;
  private final ServiceAccounts accounts;

  public TokenReviewer(ServiceAccountTokens tokens, ServiceAccounts accounts) {
    this.tokens = tokens;
    this.accounts = accounts;
  }

  /** Reviews a token for these audiences (none: the API server's own). */
  public Result review(String token, List<String> audiences) {
    Optional<ServiceAccountTokens.Issued> found = tokens.find(token);
    if (found.isEmpty()) {
      return new Rejected("invalid bearer token: unknown or expired");
    }
    ServiceAccountTokens.Issued issued = found.get();
    List<String> wanted =
        audiences == null || audiences.isEmpty()
            ? List.of(ServiceAccountTokens.DEFAULT_AUDIENCE)
            : audiences;
    List<String> shared = issued.audiences().stream().filter(wanted::contains).toList();
    if (shared.isEmpty()) {
      return new Rejected(
          "token audiences "
              + issued.audiences()
              + " are invalid for the target audiences "
              + wanted);
    }
    Optional<UserInfo> user = accounts.active(issued.namespace(), issued.serviceAccount());
    if (user.isEmpty() || !user.get().uid().equals(issued.serviceAccountUid())) {
      return new Rejected(
          "the service account "
              + issued.namespace()
              + "/"
              + issued.serviceAccount()
              + " no longer exists");
    }
    Optional<String> unbound =
        issued.bound().flatMap(bound -> accounts.boundObjectProblem(issued.namespace(), bound));
    if (unbound.isPresent()) {
      return new Rejected(unbound.get());
    }
    return new Authenticated(user.get(), shared);
  }
}
