package io.vmclone.operator.workflow.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.identity.AccessReviewer;
import io.vmclone.operator.identity.CurrentRequester;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.identity.Right;
import io.vmclone.operator.identity.TokenReviewer;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.RightsCheck;
import io.vmclone.operator.workflow.TaskContext;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.operator.workflow.action.RequiredRights;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks, right before a side effect, that the requester still holds the rights it needs ({@link
 * RequiredRights#forStep}), when the last successful check is older than {@code
 * vmclone.identity.recheck-after} ({@link RecheckDecision}). A check that passes is recorded as a
 * {@value ActionNames#RIGHTS_CHECKED} journal entry, so the next one is due only that much later,
 * also after a restart. A revoked right, or a preserved token that no longer authenticates, fails
 * the clone with {@code IdentityRevoked} before the side effect; the engine then undoes it as any
 * failure. Steps that need no right of the requester cost no request.
 *
 * <p>A check may rest on answers the {@link AccessReviewer} reused, up to {@link
 * AccessReviewer#answerLifetime()} old, so a check is due that much before {@code recheck-after}
 * has passed: no side effect relies on an answer older than {@code recheck-after}.
 */
@ApplicationScoped
public class RightsRecheck implements RightsCheck {

  private final CurrentRequester current;
  private final AccessReviewer access;
  private final JournalRepository journal;
  private final ObjectMapper mapper;
  private final Duration after;

  public RightsRecheck(
      CurrentRequester current,
      AccessReviewer access,
      JournalRepository journal,
      ObjectMapper mapper,
      OperatorConfig config) {
    this.current = current;
    this.access = access;
    this.journal = journal;
    this.mapper = mapper;
    this.after = config.identity().recheckAfter().minus(access.answerLifetime());
  }

  @Override
  public Optional<ActionResult.Failed> beforeSideEffect(TaskContext context, String action) {
    List<Right> rights =
        RequiredRights.forStep(action, context.spec(), context.task().cloneNamespace());
    Optional<RequesterIdentity> requester = Requesters.of(context.task());
    if (rights.isEmpty()
        || requester.isEmpty()
        || !RecheckDecision.due(
            RecheckDecision.lastCheck(context.journal()), context.now(), after)) {
      return Optional.empty();
    }
    TokenReviewer.Verdict now = current.of(context.task().id(), requester.get());
    Optional<String> problem =
        now.problem().or(() -> access.firstDenied(now.user().orElseThrow(), rights));
    if (problem.isPresent()) {
      return Optional.of(
          ActionResult.failed(
              Reasons.IDENTITY_REVOKED,
              "checked again before "
                  + action
                  + ", the requester's identity no longer stands: "
                  + problem.get()));
    }
    journal.append(
        context.task().id(),
        ActionNames.RIGHTS_CHECKED,
        EntryState.DONE,
        mapper.createObjectNode().put("before", action).put("rightsChecked", rights.size()),
        requester.get().username()
            + " still holds the "
            + rights.size()
            + " right(s) "
            + action
            + " needs");
    return Optional.empty();
  }
}
