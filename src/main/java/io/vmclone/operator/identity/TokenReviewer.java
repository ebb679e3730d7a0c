package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server (TokenReview, for the preserved tokens' audience) whether a preserved token
 * still authenticates its user, and who that user is now: a ServiceAccount's current groups and
 * extra attributes, which its SubjectAccessReviews then carry instead of those captured when the
 * clone was created.
 */
@ApplicationScoped
public class TokenReviewer {

  private final KubernetesClient client;
  private final TokenAudience audience;

  public TokenReviewer(KubernetesClient client, TokenAudience audience) {
    this.client = client;
    this.audience = audience;
  }

  /** What a review found: the user the token authenticates now, or why it no longer stands. */
  public record Verdict(Optional<RequesterIdentity> user, Optional<String> problem) {

    static Verdict standing(RequesterIdentity user) {
      return new Verdict(Optional.of(user), Optional.empty());
    }

    static Verdict refused(String problem) {
      return new Verdict(Optional.empty(), Optional.of(problem));
    }
  }

  /** Why the token no longer stands for the user; empty when it does. */
  public Optional<String> problem(String token, String expectedUsername) {
    return review(token, expectedUsername).problem();
  }

  /**
   * Reviews the token: the user it authenticates now, if that is still {@code expectedUsername}.
   */
  public Verdict review(String token, String expectedUsername) {
    TokenReview review =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(
                new TokenReviewBuilder()
                    .withNewSpec()
                    .withToken(token)
                    .withAudiences(List.of(audience.value()))
                    .endSpec()
                    .build());
    if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())) {
      String error = review.getStatus() == null ? null : review.getStatus().getError();
      return Verdict.refused(
          "the preserved token of "
              + expectedUsername
              + " no longer authenticates"
              + (error == null || error.isBlank() ? "" : " (" + error + ")"));
    }
    UserInfo user = review.getStatus().getUser();
    String username = user == null ? null : user.getUsername();
    if (!expectedUsername.equals(username)) {
      return Verdict.refused(
          "the preserved token now authenticates " + username + ", not " + expectedUsername);
    }
    return Verdict.standing(
        new RequesterIdentity(username, user.getUid(), user.getGroups(), user.getExtra()));
  }
}
