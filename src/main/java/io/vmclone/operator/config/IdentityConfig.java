package io.vmclone.operator.config;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the operator acts for the requester of a clone: settings under {@code vmclone.identity.}. */
public interface IdentityConfig {
  /**
   * For requesters that are people (no ServiceAccount token to preserve): create the target VM
   * impersonating their user and groups. Off by default: then the operator creates it with its own
   * account, after checking the requester's rights. Needs the impersonate right.
   */
  @WithName("impersonate-users")
  @WithDefault("false")
  boolean impersonateUsers();

  /** The longest lifetime of a preserved ServiceAccount token. */
  @WithName("max-token-lifetime")
  @WithDefault("24h")
  Duration maxTokenLifetime();

  /**
   * The ValidatingAdmissionPolicy, and its binding of the same name, that ties a clone's requester
   * annotations to the user who creates it ({@code k8s/requester-policy.yaml}). The operator trusts
   * the annotations of a clone only if both were in force when it was created.
   */
  @WithName("requester-policy")
  @WithDefault("vmclone-operator-requester")
  String requesterPolicy();

  /**
   * How long after the policy or its binding last changed the API server may still admit clones
   * without it: a clone created within this time of a change is not trusted.
   */
  @WithName("requester-policy-settle")
  @WithDefault("3s")
  Duration requesterPolicySettle();

  /**
   * The operator's own namespace, where preserved tokens are kept (only the operator may read
   * Secrets there). Default: POD_NAMESPACE. Without either, ServiceAccount clones fail.
   */
  @WithName("operator-namespace")
  Optional<String> operatorNamespace();

  /**
   * The namespaces whose ServiceAccounts may request clones acted on with their own token: the
   * chart grants the operator {@code serviceaccounts/token} create only there. A ServiceAccount of
   * any other namespace fails with {@code RequesterOutOfScope}. kube-system never counts.
   */
  @WithName("service-account-namespaces")
  Optional<List<String>> serviceAccountNamespaces();

  /**
   * The audience named in TokenRequests and TokenReviews. Default: the API server's own, read from
   * its service-account issuer discovery document ({@code /.well-known/openid-configuration}),
   * which is what kube-apiserver accepts unless {@code --api-audiences} says otherwise.
   */
  @WithName("token-audience")
  Optional<String> tokenAudience();

  /**
   * How long a successful check of the requester's rights stands. Right before a side effect
   * (snapshot, disk copies, target VM, starting it), a clone whose rights were last checked longer
   * ago than this checks the rights that side effect needs again, as the requester; a revoked right
   * fails the clone with {@code IdentityRevoked} before it acts.
   */
  @WithName("recheck-after")
  @WithDefault("5m")
  Duration recheckAfter();

  /**
   * How long the API server's "allowed" answer to a SubjectAccessReview of the requester is reused
   * for the same question (same user, uid, groups, extra attributes and right); denials are never
   * reused. 0 turns the reuse off. At most a tenth of {@link #recheckAfter()} is used, and the
   * recheck before a side effect comes that much earlier, so no side effect relies on an answer
   * older than {@code recheck-after}.
   */
  @WithName("access-review-cache")
  @WithDefault("10s")
  Duration accessReviewCache();

  /** How often the leader looks for token Secrets of finished clones that are still there. */
  @WithName("token-sweep-interval")
  @WithDefault("1m")
  Duration tokenSweepInterval();
}
