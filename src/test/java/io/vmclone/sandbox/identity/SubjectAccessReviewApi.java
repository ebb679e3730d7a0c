package io.vmclone.sandbox.identity;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vmclone.sandbox.MockApi;
import io.vmclone.sandbox.front.UserInfo;

/**
 * {@code POST /apis/authorization.k8s.io/v1/subjectaccessreviews}: may this user (name, uid,
 * groups, as the review gives them) do this? Answered from the sandbox policy, with a reason.
 */
final class SubjectAccessReviewApi implements MockApi {

  static final String PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  private final Authorizer authorizer;

  SubjectAccessReviewApi(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  @Override
  public boolean answers(String method, String path) {
    return method.equals("POST") && path.equals(PATH);
  }

  @Override
  public MockResponse answer(RecordedRequest request) {
    SubjectAccessReview review;
    try {
      review = Serialization.unmarshal(request.getUtf8Body(), SubjectAccessReview.class);
    } catch (RuntimeException unreadable) {
      return ApiAnswers.failure(400, "BadRequest", "not a SubjectAccessReview");
    }
    SubjectAccessReviewSpec spec = review.getSpec();
    if (spec == null
        || (isEmpty(spec.getUser()) && (spec.getGroups() == null || spec.getGroups().isEmpty()))) {
      return ApiAnswers.failure(
          422,
          "Invalid",
          "spec.user: Invalid value: \"\": at least one of user or group must be specified");
    }
    Authorizer.Decision decision = decide(spec);
    review.setStatus(
        new SubjectAccessReviewStatusBuilder()
            .withAllowed(decision.allowed())
            .withReason(decision.reason())
            .build());
    return ApiAnswers.json(201, review);
  }

  private Authorizer.Decision decide(SubjectAccessReviewSpec spec) {
    ResourceAttributes attributes = spec.getResourceAttributes();
    if (attributes == null) {
      return new Authorizer.Decision(
          false, "the sandbox policy has no rules for non-resource URLs");
    }
    UserInfo user =
        new UserInfo(spec.getUser() == null ? "" : spec.getUser(), spec.getUid(), spec.getGroups());
    return authorizer.decide(
        user,
        new AccessRequest(
            attributes.getVerb(),
            attributes.getGroup(),
            attributes.getResource(),
            attributes.getSubresource(),
            attributes.getNamespace(),
            attributes.getName()));
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
