package io.vmclone.operator.admission;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.AccessReviewer;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.RequiredRights;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The validating webhook: on CREATE the spec rules ({@link CreateRules}), then, for a clone that
 * reaches another namespace, every right the clone uses, checked with SubjectAccessReviews as the
 * user who sends the request (so a user cannot clone out of, or into, a namespace they could not
 * work in themselves); on UPDATE the immutability rules ({@link UpdateRules}). Everything else is
 * allowed.
 *
 * <p>Same-namespace clones are not reviewed here: the operator's {@code Authorize} step checks
 * every clone's rights before any side effect, and keeping admission to local rules keeps it fast.
 */
@ApplicationScoped
class CloneValidator {

  private final AccessReviewer reviewer;

  CloneValidator(AccessReviewer reviewer) {
    this.reviewer = reviewer;
  }

  Verdict review(CloneReview review) {
    return switch (review.operation()) {
      case CREATE -> create(review);
      case UPDATE -> UpdateRules.check(review).orElseGet(Verdict::allow);
      case DELETE, CONNECT -> Verdict.allow();
    };
  }

  private Verdict create(CloneReview review) {
    if (review.namespace().isEmpty()) {
      return Verdict.invalid("the review names no namespace for the clone", List.of());
    }
    Optional<Verdict> denied = CreateRules.check(review);
    if (denied.isPresent()) {
      return denied.get();
    }
    VirtualMachineCloneSpec spec = CreateRules.spec(review.object());
    if (!RequiredRights.crossesNamespaces(spec, review.namespace())) {
      return Verdict.allow();
    }
    if (review.user().isEmpty()) {
      return Verdict.forbidden(
          "a clone that reaches another namespace needs an authenticated requester, and the"
              + " review names none");
    }
    return rights(review.user().get(), spec, review.namespace());
  }

  private Verdict rights(RequesterIdentity user, VirtualMachineCloneSpec spec, String namespace) {
    try {
      return reviewer
          .firstDenied(user, RequiredRights.of(spec, namespace))
          .map(Verdict::forbidden)
          .orElseGet(Verdict::allow);
    } catch (KubernetesClientException e) {
      return Verdict.internalError(
          "could not check the rights of user "
              + user.username()
              + " (SubjectAccessReview failed with code "
              + e.getCode()
              + ")");
    }
  }
}
