package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.RequesterIdentity.ServiceAccountRef;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.identity.SessionTokens;
import io.vmclone.operator.identity.TokenGrant;
import io.vmclone.operator.journal.PreservedSession;
import io.vmclone.operator.journal.SessionRepository;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records who asked for the clone ({@code preserved_session}) and how the operator will act for
 * them. Runs after Authorize, so no token is minted for a requester who may not clone. A
 * ServiceAccount requester gets a token from the TokenRequest API, for the API server's audience,
 * living until the clone's deadline (at least the API's minimum of ten minutes, at most {@code
 * vmclone.identity.max-token-lifetime}), kept only in a Secret of the task in the operator's own
 * namespace (not bound to it: see SessionTokens). Release and undo delete the Secret; what they
 * could not delete the token sweep deletes later. A person is acted for by impersonation when the
 * configuration allows it, else by the operator's own account (Authorize checks their rights either
 * way).
 */
@ApplicationScoped
public class PreserveSessionAction implements Action {

  /** The shortest expirationSeconds the TokenRequest API accepts. */
  static final Duration MIN_TOKEN_LIFETIME = Duration.ofMinutes(10);

  /** How the status names each mode ({@code status.requester.actingAs}). */
  private static final Map<PreservedSession.Mode, String> ACTING_AS =
      Map.of(
          PreservedSession.Mode.TOKEN, "Token",
          PreservedSession.Mode.IMPERSONATION, "Impersonation",
          PreservedSession.Mode.OPERATOR, "Operator");

  private final SessionRepository sessions;
  private final SessionTokens tokens;
  private final ObjectMapper mapper;
  private final boolean impersonateUsers;
  private final Duration maxTokenLifetime;

  @Inject
  public PreserveSessionAction(
      SessionRepository sessions,
      SessionTokens tokens,
      ObjectMapper mapper,
      OperatorConfig config) {
    this(
        sessions,
        tokens,
        mapper,
        config.identity().impersonateUsers(),
        config.identity().maxTokenLifetime());
  }

  public PreserveSessionAction(
      SessionRepository sessions,
      SessionTokens tokens,
      ObjectMapper mapper,
      boolean impersonateUsers,
      Duration maxTokenLifetime) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.mapper = mapper;
    this.impersonateUsers = impersonateUsers;
    this.maxTokenLifetime = maxTokenLifetime;
  }

  @Override
  public String name() {
    return ActionNames.PRESERVE_SESSION;
  }

  @Override
  public int weight() {
    return 1;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    Optional<RequesterIdentity> requester = Requesters.of(context.task());
    if (requester.isEmpty()) {
      return ActionResult.failed(Reasons.REQUESTER_UNKNOWN, "the clone's requester is not known");
    }
    PreservedSession session = sessions.save(session(context, requester.get()));
    return ActionResult.done(
        new SessionData(session.id().toString(), session.mode(), session.serviceAccount())
            .toJson(mapper),
        "preserved the session of " + session.username() + " (" + describe(session.mode()) + ")");
  }

  @Override
  public void describe(JsonNode done, DoneFacts facts) {
    facts.actingAs(ACTING_AS.get(SessionData.fromJson(mapper, done).mode()));
  }

  @Override
  public void undo(TaskContext context) {
    release(context);
  }

  /**
   * Deletes the preserved token's Secret, the token's only copy; throws when it cannot (the engine
   * reports the problem, the token sweep tries again).
   */
  public void release(TaskContext context) {
    if (Requesters.of(context.task()).flatMap(RequesterIdentity::serviceAccount).isPresent()) {
      tokens.delete(ChildNames.sessionSecretName(context.cloneUid()), context.taskId());
    }
  }

  private PreservedSession session(TaskContext context, RequesterIdentity requester) {
    UUID id = UUID.randomUUID();
    Optional<ServiceAccountRef> account = requester.serviceAccount();
    if (account.isEmpty()) {
      PreservedSession.Mode mode =
          impersonateUsers ? PreservedSession.Mode.IMPERSONATION : PreservedSession.Mode.OPERATOR;
      return new PreservedSession(
          id,
          context.task().id(),
          requester.username(),
          requester.uid(),
          requester.groups(),
          mode,
          null,
          null,
          null,
          null);
    }
    TokenGrant grant =
        tokens.ensure(
            account.get(),
            ChildNames.sessionSecretName(context.cloneUid()),
            context.taskId(),
            lifetime(context));
    return new PreservedSession(
        id,
        context.task().id(),
        requester.username(),
        requester.uid(),
        requester.groups(),
        PreservedSession.Mode.TOKEN,
        account.get().toString(),
        grant.secretNamespace(),
        grant.secretName(),
        grant.expiresAt());
  }

  /** Until the deadline, within bounds: a clone that outlives it fails, and needs no token. */
  Duration lifetime(TaskContext context) {
    Duration untilDeadline = Duration.between(context.now(), context.task().deadline());
    if (untilDeadline.compareTo(MIN_TOKEN_LIFETIME) < 0) {
      return MIN_TOKEN_LIFETIME;
    }
    return untilDeadline.compareTo(maxTokenLifetime) > 0 ? maxTokenLifetime : untilDeadline;
  }

  static String describe(PreservedSession.Mode mode) {
    return switch (mode) {
      case TOKEN -> "acting with its ServiceAccount token";
      case IMPERSONATION -> "acting by impersonation";
      case OPERATOR ->
          "the operator acts with its own account after checking the requester's" + " rights";
    };
  }
}
