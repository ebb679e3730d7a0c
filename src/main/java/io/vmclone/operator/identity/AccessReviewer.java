package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Asks the API server, with SubjectAccessReviews, whether the requester (user, uid, groups and
 * extra attributes, as authenticated when the clone was created) holds each right a clone needs.
 * The operator's own rights never stand in for the requester's.
 *
 * <p>An "allowed" answer is reused for the same question for a short time ({@link AccessDecisions},
 * {@code vmclone.identity.access-review-cache}, at most a tenth of {@code
 * vmclone.identity.recheck-after}), so a thousand clones of one requester cost one review per
 * distinct right; a denial is asked again every time.
 */
@ApplicationScoped
public class AccessReviewer {

  private static final Logger LOG = Logger.getLogger(AccessReviewer.class);

  /** Enough for every right of thousands of requesters; the oldest answers go first. */
  static final int MAX_ANSWERS = 10_000;

  private final KubernetesClient client;
  private final AccessDecisions decisions;

  @Inject
  public AccessReviewer(KubernetesClient client, OperatorConfig config, Clock clock) {
    this(
        client,
        new AccessDecisions(
            cappedLifetime(config.identity().accessReviewCache(), config.identity().recheckAfter()),
            MAX_ANSWERS,
            clock));
  }

  AccessReviewer(KubernetesClient client, AccessDecisions decisions) {
    this.client = client;
    this.decisions = decisions;
  }

  /**
   * How long an allowed answer is reused: the configured time, but at most a tenth of the time
   * after which rights are checked again.
   *
   * @throws IllegalArgumentException if the configured time is negative
   */
  static Duration cappedLifetime(Duration configured, Duration recheckAfter) {
    if (configured.isNegative()) {
      throw new IllegalArgumentException(
          "vmclone.identity.access-review-cache cannot be negative: " + configured);
    }
    Duration cap = recheckAfter.dividedBy(10);
    if (configured.compareTo(cap) > 0) {
      LOG.infof(
          "vmclone.identity.access-review-cache %s is more than a tenth of"
              + " vmclone.identity.recheck-after %s: answers are reused for %s",
          configured, recheckAfter, cap);
      return cap;
    }
    return configured;
  }

  /**
   * How old, at most, an answer {@link #firstDenied} relies on is when it returns: a check made now
   * stands for rights as they were up to this long ago.
   */
  public Duration answerLifetime() {
    return decisions.lifetime();
  }

  /**
   * The first right the requester lacks, with a message a person understands; empty if none.
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException if the API server could not be
   *     asked
   */
  public Optional<String> firstDenied(RequesterIdentity requester, List<Right> rights) {
    for (Right right : rights) {
      AccessDecisions.Answer answer = decisions.decide(AccessKey.of(requester, right), this::ask);
      if (!answer.allowed()) {
        String why = answer.reason();
        return Optional.of(
            "user "
                + requester.username()
                + " may not "
                + right.describe()
                + (why.isBlank() ? "" : " (" + why + ")"));
      }
    }
    return Optional.empty();
  }

  private AccessDecisions.Answer ask(AccessKey key) {
    SubjectAccessReview answer =
        client.authorization().v1().subjectAccessReview().create(review(key));
    if (answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed())) {
      return AccessDecisions.Answer.ALLOWED;
    }
    String why = answer.getStatus() == null ? null : answer.getStatus().getReason();
    return new AccessDecisions.Answer(false, why == null ? "" : why);
  }

  private static SubjectAccessReview review(AccessKey key) {
    Right right = key.right();
    return new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(key.user())
        .withUid(key.uid().isEmpty() ? null : key.uid())
        .withGroups(key.groups())
        .withExtra(key.extra().isEmpty() ? null : key.extra())
        .withResourceAttributes(
            new ResourceAttributesBuilder()
                .withVerb(right.verb())
                .withGroup(right.group())
                .withResource(right.resource())
                .withSubresource(right.subresource().isEmpty() ? null : right.subresource())
                .withNamespace(right.namespace())
                .withName(right.name().isEmpty() ? null : right.name())
                .build())
        .endSpec()
        .build();
  }
}
