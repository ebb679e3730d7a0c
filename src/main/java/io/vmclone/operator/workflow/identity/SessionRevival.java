package io.vmclone.operator.workflow.identity;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.identity.AccessReviewer;
import io.vmclone.operator.identity.CurrentRequester;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.identity.TokenReviewer;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.IdentityCheck;
import io.vmclone.operator.workflow.TaskContext;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.operator.workflow.action.RequiredRights;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Revives a recovered task's preserved session, as vSphere does before it restarts a task: the
 * ServiceAccount's token must still authenticate it (TokenReview; a deleted ServiceAccount or a
 * deleted token Secret fails this), and the requester must still hold every right the clone needs
 * (SubjectAccessReviews, with a ServiceAccount's current groups and extra attributes from the
 * TokenReview; see {@link CurrentRequester}). Otherwise the task fails with {@code
 * IdentityRevoked}. A task interrupted before Authorize, or after it released its session, has
 * nothing to revive: Authorize checks it later, or no remaining step acts as the requester. Between
 * Authorize and PreserveSession only the rights are checked again (there is no token yet).
 */
@ApplicationScoped
public class SessionRevival implements IdentityCheck {

  private final CurrentRequester current;
  private final AccessReviewer access;

  public SessionRevival(CurrentRequester current, AccessReviewer access) {
    this.current = current;
    this.access = access;
  }

  @Override
  public Optional<ActionResult.Failed> revive(TaskContext context) {
    Optional<RequesterIdentity> requester = Requesters.of(context.task());
    if (requester.isEmpty() || !authorized(context) || released(context)) {
      return Optional.empty();
    }
    TokenReviewer.Verdict now = current.of(context.task().id(), requester.get());
    Optional<String> problem =
        now.problem()
            .or(
                () ->
                    access.firstDenied(
                        now.user().orElseThrow(),
                        RequiredRights.of(context.spec(), context.task().cloneNamespace())));
    return problem.map(
        why ->
            ActionResult.failed(
                Reasons.IDENTITY_REVOKED, "the requester's identity no longer stands: " + why));
  }

  /** Before Authorize is done, Authorize itself checks the requester when the task goes on. */
  private static boolean authorized(TaskContext context) {
    return context.doneData(ActionNames.AUTHORIZE).isPresent();
  }

  /**
   * Once Release has started, the session is given up (its token Secret deleted) and nothing left
   * of the workflow acts as the requester: there is nothing to revive.
   */
  private static boolean released(TaskContext context) {
    return context.journal().lastEntryOf(ActionNames.RELEASE).isPresent();
  }
}
