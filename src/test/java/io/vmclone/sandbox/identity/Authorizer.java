package io.vmclone.sandbox.identity;

import io.vmclone.sandbox.front.UserInfo;
import java.util.function.Supplier;

/**
 * Decides SubjectAccessReviews from the current policy: allowed iff a rule names the user, or one
 * of the groups the review gives, and grants the verb on the resource in the namespace.
 */
public final class Authorizer {

  /** The answer of one review; the reason is for people. */
  public record Decision(boolean allowed, String reason) {}

  private final Supplier<Policy> policy;

  public Authorizer(Supplier<Policy> policy) {
    this.policy = policy;
  }

  public Decision decide(UserInfo user, AccessRequest request) {
    for (PolicyRule rule : policy.get().rules()) {
      if (rule.allows(user, request)) {
        String name = rule.name().isEmpty() ? "a rule" : "rule \"" + rule.name() + "\"";
        return new Decision(true, "allowed by " + name + " of the sandbox policy");
      }
    }
    return new Decision(false, "no rule of the sandbox policy grants it");
  }
}
