package io.vmclone.operator.workflow.identity;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.identity.RequesterClients;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.identity.SessionTokens;
import io.vmclone.operator.identity.TokenReviewer;
import io.vmclone.operator.journal.PreservedSession;
import io.vmclone.operator.journal.SessionRepository;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.workflow.RequesterPlatforms;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The platform as a task's requester: with the preserved ServiceAccount token, impersonating a
 * person when the configuration allows it, or else the operator's own platform (the requester's
 * rights having been checked by Authorize). A preserved token is reviewed (TokenReview) before each
 * use: one that no longer authenticates its ServiceAccount fails the step with {@code
 * IdentityRevoked} instead of being sent. Close what it returns.
 */
@ApplicationScoped
public class ActingPlatforms implements RequesterPlatforms {

  private final SessionRepository sessions;
  private final SessionTokens tokens;
  private final TokenReviewer reviewer;
  private final RequesterClients clients;
  private final VmPlatform operatorPlatform;
  private final VmPlatform.Factory platforms;

  public ActingPlatforms(
      SessionRepository sessions,
      SessionTokens tokens,
      TokenReviewer reviewer,
      RequesterClients clients,
      VmPlatform operatorPlatform,
      VmPlatform.Factory platforms) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.reviewer = reviewer;
    this.clients = clients;
    this.operatorPlatform = operatorPlatform;
    this.platforms = platforms;
  }

  @Override
  public Acting forTask(TaskContext context) {
    Optional<PreservedSession> session = sessions.find(context.task().id());
    if (session.isEmpty() || session.get().mode() == PreservedSession.Mode.OPERATOR) {
      return new Acting(operatorPlatform, null);
    }
    KubernetesClient client =
        session.get().mode() == PreservedSession.Mode.TOKEN
            ? clients.withToken(token(session.get()))
            : clients.impersonating(Requesters.of(context.task()).orElseThrow());
    return new Acting(platforms.forClient(client), client);
  }

  private String token(PreservedSession session) {
    String token =
        tokens
            .read(
                session.tokenSecretNamespace(),
                session.tokenSecretName(),
                session.taskId().toString())
            .orElseThrow(
                () ->
                    new PlatformException(
                        Reasons.IDENTITY_REVOKED,
                        "the Secret "
                            + session.tokenSecretNamespace()
                            + "/"
                            + session.tokenSecretName()
                            + " that held the requester's preserved token is gone"));
    reviewer
        .problem(token, session.username())
        .ifPresent(
            problem -> {
              throw new PlatformException(Reasons.IDENTITY_REVOKED, problem);
            });
    return token;
  }
}
