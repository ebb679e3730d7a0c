package io.vmclone.operator.admission;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The validating webhook: on CREATE the spec rules ({@link CreateRules}), on UPDATE the
 * immutability rules ({@link UpdateRules}); everything else is allowed.
 *
 * <p>Every answer depends only on the review's own content, never on what the user it names may do
 * in the cluster. The webhook cannot tell the API server from anyone else who reaches its port and
 * posts a review naming some user, so a rights check here would tell that caller another user's
 * rights (an authorization oracle). The rights are checked by the operator's {@code Authorize} step
 * instead, as the verified requester and before any side effect: a clone the requester may not make
 * is admitted and then fails with reason {@code Forbidden}.
 */
@ApplicationScoped
class CloneValidator {

  Verdict review(CloneReview review) {
    return switch (review.operation()) {
      case CREATE -> create(review);
      case UPDATE -> UpdateRules.check(review).orElseGet(Verdict::allow);
      case DELETE, CONNECT -> Verdict.allow();
    };
  }

  private static Verdict create(CloneReview review) {
    if (review.namespace().isEmpty()) {
      return Verdict.invalid("the review names no namespace for the clone", List.of());
    }
    return CreateRules.check(review).orElseGet(Verdict::allow);
  }
}
