package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server, with SubjectAccessReviews, whether the requester (user, uid, groups and
 * extra attributes, as authenticated when the clone was created) holds each right a clone needs.
 * The operator's own rights never stand in for the requester's.
 */
@ApplicationScoped
public class AccessReviewer {

  private final KubernetesClient client;

  public AccessReviewer(KubernetesClient client) {
    this.client = client;
  }

  /** The first right the requester lacks, with a message a person understands; empty if none. */
  public Optional<String> firstDenied(RequesterIdentity requester, List<Right> rights) {
    for (Right right : rights) {
      SubjectAccessReview answer =
          client.authorization().v1().subjectAccessReview().create(review(requester, right));
      boolean allowed =
          answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
      if (!allowed) {
        String why = answer.getStatus() == null ? "" : answer.getStatus().getReason();
        return Optional.of(
            "user "
                + requester.username()
                + " may not "
                + right.describe()
                + (why == null || why.isBlank() ? "" : " (" + why + ")"));
      }
    }
    return Optional.empty();
  }

  private static SubjectAccessReview review(RequesterIdentity requester, Right right) {
    return new SubjectAccessReviewBuilder()
        .withNewSpec()
        .withUser(requester.username())
        .withUid(requester.uid().isEmpty() ? null : requester.uid())
        .withGroups(requester.groups())
        .withExtra(requester.extra().isEmpty() ? null : requester.extra())
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
