package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Asks the API server (TokenReview, for the preserved tokens' audience) whether a preserved token
 * still authenticates its user.
 */
@ApplicationScoped
public class TokenReviewer {

  private final KubernetesClient client;
  private final TokenAudience audience;

  public TokenReviewer(KubernetesClient client, TokenAudience audience) {
    this.client = client;
    this.audience = audience;
  }

  /** Why the token no longer stands for the user; empty when it does. */
  public Optional<String> problem(String token, String expectedUsername) {
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
      return Optional.of(
          "the preserved token of "
              + expectedUsername
              + " no longer authenticates"
              + (error == null || error.isBlank() ? "" : " (" + error + ")"));
    }
    String username =
        review.getStatus().getUser() == null ? null : review.getStatus().getUser().getUsername();
    if (!expectedUsername.equals(username)) {
      return Optional.of(
          "the preserved token now authenticates " + username + ", not " + expectedUsername);
    }
    return Optional.empty();
  }
}
