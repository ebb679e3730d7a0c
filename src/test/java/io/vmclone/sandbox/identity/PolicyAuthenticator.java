package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.front.Authenticator;
import io.vmclone.sandbox.front.UserInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The front's authenticator: a user's kubeconfig token gives that user; a ServiceAccount's
 * kubeconfig token, or a token TokenRequest issued, gives the ServiceAccount while it exists (in
 * the policy and the API server). Anything else is unknown, and the front answers 401.
 */
public final class PolicyAuthenticator implements Authenticator {

  private final Supplier<Policy> policy;
  private final ServiceAccounts accounts;
  private final TokenReviewer reviewer;

  public PolicyAuthenticator(
      Supplier<Policy> policy, ServiceAccounts accounts, TokenReviewer reviewer) {
    this.policy = policy;
    this.accounts = accounts;
    this.reviewer = reviewer;
  }

  @Override
  public Optional<UserInfo> authenticate(String bearerToken) {
    Policy current = policy.get();
    Optional<PolicyUser> user = current.userWithToken(bearerToken);
    if (user.isPresent()) {
      return Optional.of(user.get().userInfo());
    }
    Optional<PolicyServiceAccount> account = current.serviceAccountWithToken(bearerToken);
    if (account.isPresent()) {
      return accounts.active(account.get().namespace(), account.get().name());
    }
    return reviewer.review(bearerToken, List.of()) instanceof TokenReviewer.Authenticated ok
        ? Optional.of(ok.user())
        : Optional.empty();
  }
}
