package io.vmclone.sandbox.identity;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfoBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vmclone.sandbox.MockApi;

/**
 * {@code POST /apis/authentication.k8s.io/v1/tokenreviews}: is this token (one TokenRequest issued)
 * still good, and whose is it? See {@link TokenReviewer}. The answer leaves the token out.
 */
final class TokenReviewApi implements MockApi {

  static final String PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

  private final TokenReviewer reviewer;

  TokenReviewApi(TokenReviewer reviewer) {
    this.reviewer = reviewer;
  }

  @Override
  public boolean answers(String method, String path) {
    return method.equals("POST") && path.equals(PATH);
  }

  @Override
  public MockResponse answer(RecordedRequest request) {
    TokenReview review;
    try {
      review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
    } catch (RuntimeException unreadable) {
      return ApiAnswers.failure(400, "BadRequest", "not a TokenReview");
    }
    if (review.getSpec() == null
        || review.getSpec().getToken() == null
        || review.getSpec().getToken().isEmpty()) {
      return ApiAnswers.failure(422, "Invalid", "spec.token: Required value");
    }
    TokenReviewer.Result result =
        reviewer.review(review.getSpec().getToken(), review.getSpec().getAudiences());
    review.getSpec().setToken(null);
    if (result instanceof TokenReviewer.Authenticated ok) {
      review.setStatus(
          new TokenReviewStatusBuilder()
              .withAuthenticated(true)
              .withAudiences(ok.audiences())
              .withUser(
                  new UserInfoBuilder()
                      .withUsername(ok.user().username())
                      .withUid(ok.user().uid())
                      .withGroups(ok.user().groups())
                      .build())
              .build());
    } else {
      review.setStatus(
          new TokenReviewStatusBuilder()
              .withAuthenticated(false)
              .withError(((TokenReviewer.Rejected) result).error())
              .build());
    }
    return ApiAnswers.json(201, review);
  }
}
