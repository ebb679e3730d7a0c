package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.SandboxMockServer;
import io.vmclone.sandbox.front.Authenticator;
import io.vmclone.sandbox.front.FrontIdentity;
import io.vmclone.sandbox.front.SelfSignedTls;
import java.time.Clock;

/**
 * Identity in the sandbox, answered from one policy file: the mock API server gets
 * SubjectAccessReview, TokenRequest and TokenReview, its ServiceAccounts follow the policy, and the
 * front gets an {@link Authenticator} for kubectl's bearer tokens. Install once per mock.
 */
public final class SandboxIdentity {

  private final Authenticator authenticator;
  private final Authorizer authorizer;

  private SandboxIdentity(Authenticator authenticator, Authorizer authorizer) {
    this.authenticator = authenticator;
    this.authorizer = authorizer;
  }

  /**
   * Creates the policy's ServiceAccounts in the mock and answers the identity APIs there. Reloads
   * of the policy file (see {@link PolicyFile#pollEvery}) take effect on the next request.
   */
  public static SandboxIdentity install(SandboxMockServer mock, PolicyFile policy, Clock clock) {
    ServiceAccountSync sync = new ServiceAccountSync(mock.client());
    sync.apply(policy.current());
    policy.onChange(sync::apply);
    ServiceAccounts accounts = new ServiceAccounts(policy::current, mock.store());
    ServiceAccountTokens tokens = new ServiceAccountTokens(clock);
    TokenReviewer reviewer = new TokenReviewer(tokens, accounts);
    Authorizer authorizer = new Authorizer(policy::current);
    mock.addApi(new SubjectAccessReviewApi(authorizer));
    mock.addApi(new TokenRequestApi(tokens, accounts, clock));
    mock.addApi(new TokenReviewApi(reviewer));
    return new SandboxIdentity(
        new PolicyAuthenticator(policy::current, accounts, reviewer), authorizer);
  }

  /** For the front: kubectl's bearer token to a user. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** Identity in the front: this authenticator over HTTPS, and the self reviews. */
  public FrontIdentity front(SelfSignedTls tls) {
    return new FrontIdentity(authenticator, tls, SelfReviewEndpoints.all(authorizer));
  }

  /** Decisions from the policy, e.g. for a SelfSubjectAccessReview the front answers. */
  public Authorizer authorizer() {
    return authorizer;
  }
}
