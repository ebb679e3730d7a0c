package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.JournalLocks;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets go of the source: deletes the temporary snapshot, removes the source finalizer and drops the
 * clone's locks; and of the requester's preserved token (its Secret). Nothing after it can fail but
 * the commit, so it has nothing to undo.
 */
@ApplicationScoped
public class ReleaseAction implements Action {

  private final VmPlatform platform;
  private final JournalLocks locks;
  private final PreserveSessionAction session;
  private final ObjectMapper mapper;

  public ReleaseAction(
      VmPlatform platform, JournalLocks locks, PreserveSessionAction session, ObjectMapper mapper) {
    this.platform = platform;
    this.locks = locks;
    this.session = session;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.RELEASE;
  }

  @Override
  public int weight() {
    return 1;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    if (!context.sourceIsSnapshot()) {
      platform.deleteSnapshot(
          context.source().namespace(),
          ChildNames.snapshotName(context.cloneUid()),
          context.ownership(ActionNames.SNAPSHOT_SOURCE));
    }
    platform.removeFinalizer(context.source(), ChildNames.sourceFinalizer(context.cloneUid()));
    locks.releaseAll(context.task().id());
    session.release(context);
    return ActionResult.done(mapper.createObjectNode(), "released " + context.source());
  }

  @Override
  public void undo(TaskContext context) {
    // Release only lets go of things; the undo of the earlier actions does the same.
  }
}
