package io.vmclone.operator.identity;

import io.vmclone.operator.journal.PreservedSession;
import io.vmclone.operator.journal.SessionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The requester as the API server knows them now, for SubjectAccessReviews made after Authorize.
 *
 * <p>For a ServiceAccount whose token is preserved, the TokenReview of that token says who it is
 * now: its current groups and extra attributes replace the captured ones (the token must still
 * authenticate the same user, else the identity is revoked). For a person, and for a task with no
 * token yet, no API tells their current groups: the groups captured when the clone was created are
 * used (see docs/security.md, "What cannot be known for people").
 */
@ApplicationScoped
public class CurrentRequester {

  private final SessionRepository sessions;
  private final SessionTokens tokens;
  private final TokenReviewer reviewer;

  public CurrentRequester(
      SessionRepository sessions, SessionTokens tokens, TokenReviewer reviewer) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.reviewer = reviewer;
  }

  /** The requester of the task now, or why their identity no longer stands. */
  public TokenReviewer.Verdict of(UUID taskId, RequesterIdentity captured) {
    Optional<PreservedSession> session = sessions.find(taskId);
    if (session.isEmpty() || session.get().mode() != PreservedSession.Mode.TOKEN) {
      return TokenReviewer.Verdict.standing(captured);
    }
    PreservedSession preserved = session.get();
    Optional<String> token =
        tokens.read(
            preserved.tokenSecretNamespace(),
            preserved.tokenSecretName(),
            preserved.taskId().toString());
    if (token.isEmpty()) {
      return TokenReviewer.Verdict.refused(
          "the Secret "
              + preserved.tokenSecretNamespace()
              + "/"
              + preserved.tokenSecretName()
              + " that held the preserved token is gone");
    }
    return reviewer.review(token.get(), preserved.username());
  }
}
