package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.identity.AccessReviewer;
import io.vmclone.operator.identity.CrossNamespaceCopies;
import io.vmclone.operator.identity.IdentityScope;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.Requesters;
import io.vmclone.operator.identity.Right;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Checks, as the requester (SubjectAccessReviews with their user, uid and groups), every right the
 * clone will use, before anything is touched: a clone whose requester lacks one fails with {@code
 * Forbidden}, naming the verb, resource and namespace. A ServiceAccount requester of a namespace
 * the operator does not serve ({@link IdentityScope}) fails first, with {@code
 * RequesterOutOfScope}; a person's clone across namespaces with impersonation off, who holds the
 * rights but cannot have its disks copied as them ({@link CrossNamespaceCopies}), with {@code
 * ImpersonationRequired}. The same rights are checked again when an interrupted task is recovered.
 */
@ApplicationScoped
public class AuthorizeAction implements Action {

  private final AccessReviewer reviewer;
  private final IdentityScope scope;
  private final CrossNamespaceCopies copies;
  private final ObjectMapper mapper;

  public AuthorizeAction(
      AccessReviewer reviewer,
      IdentityScope scope,
      CrossNamespaceCopies copies,
      ObjectMapper mapper) {
    this.reviewer = reviewer;
    this.scope = scope;
    this.copies = copies;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.AUTHORIZE;
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
    Optional<String> outOfScope = requester.get().serviceAccount().flatMap(scope::refusal);
    if (outOfScope.isPresent()) {
      return ActionResult.failed(Reasons.REQUESTER_OUT_OF_SCOPE, outOfScope.get());
    }
    List<Right> rights = RequiredRights.of(context.spec(), context.task().cloneNamespace());
    Optional<String> denied = reviewer.firstDenied(requester.get(), rights);
    if (denied.isPresent()) {
      return ActionResult.failed(Reasons.FORBIDDEN, denied.get());
    }
    Optional<String> noCopier =
        copies.refusal(requester.get(), context.spec(), context.task().cloneNamespace());
    if (noCopier.isPresent()) {
      return ActionResult.failed(Reasons.IMPERSONATION_REQUIRED, noCopier.get());
    }
    return ActionResult.done(
        mapper.createObjectNode().put("rightsChecked", rights.size()),
        requester.get().username() + " holds all " + rights.size() + " rights the clone uses");
  }

  @Override
  public void undo(TaskContext context) {
    // Checking rights changed nothing.
  }
}
