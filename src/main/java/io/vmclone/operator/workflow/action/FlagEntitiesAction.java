package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.JournalLocks;
import io.vmclone.operator.journal.LockConflict;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SourceObject;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.ActionResult;
import io.vmclone.operator.workflow.DoneFacts;
import io.vmclone.operator.workflow.TaskContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Claims what the clone works with: a SHARED lock on the source, an EXCLUSIVE lock on the target
 * name (both rows in the journal database), and a finalizer on the source so that it cannot vanish
 * mid-clone. Before that it checks, without side effects, that the clone can work at all: the
 * source exists (else the clone waits, {@code SourceNotFound}), the target VM can be built from it
 * ({@code InvalidSpec}, {@code SourceNotCloneable}), and the target name is free ({@code
 * TargetExists}, {@code TargetNameInUse}), so that a doomed clone fails before copying anything. A
 * clone whose source or target another task has in recovery waits ({@code EntityInRecovery}).
 */
@ApplicationScoped
public class FlagEntitiesAction implements Action {

  static final String VIRTUAL_MACHINE = "VirtualMachine";

  private final VmPlatform platform;
  private final JournalLocks entityLocks;
  private final RecoveryRepository recovery;
  private final TargetPlanner planner;
  private final ObjectMapper mapper;

  public FlagEntitiesAction(
      VmPlatform platform,
      JournalLocks entityLocks,
      RecoveryRepository recovery,
      TargetPlanner planner,
      ObjectMapper mapper) {
    this.platform = platform;
    this.entityLocks = entityLocks;
    this.recovery = recovery;
    this.planner = planner;
    this.mapper = mapper;
  }

  @Override
  public String name() {
    return ActionNames.FLAG_ENTITIES;
  }

  @Override
  public int weight() {
    return 1;
  }

  @Override
  public ActionResult execute(TaskContext context) {
    ObjectRef sourceRef = context.source();
    Optional<SourceObject> source = platform.findSource(sourceRef);
    if (source.isEmpty()) {
      return ActionResult.blocked(
          Reasons.SOURCE_NOT_FOUND,
          sourceRef + " does not exist; the clone starts when it appears");
    }
    if (!source.get().ready()) {
      return notReady(context, sourceRef);
    }
    planner.dryRun(context, source.get().vm());
    Optional<ActionResult> targetTaken = checkTarget(context);
    if (targetTaken.isPresent()) {
      return targetTaken.get();
    }
    List<EntityLock> locks = locks(context, source.get());
    Optional<LockConflict> recovering = recovery.inRecovery(context.task().id(), locks);
    if (recovering.isPresent()) {
      return ActionResult.blocked(
          Reasons.ENTITY_IN_RECOVERY,
          recovering.get().wanted()
              + " is in recovery with clone task "
              + recovering.get().holderTaskId()
              + "; this clone goes on when it clears");
    }
    Optional<LockConflict> conflict = entityLocks.acquire(context.task().id(), locks);
    if (conflict.isPresent()) {
      return conflictResult(context, conflict.get());
    }
    String finalizer = ChildNames.sourceFinalizer(context.cloneUid());
    platform.addFinalizer(source.get(), finalizer);
    return ActionResult.done(
        new SourceFlags(source.get().uid(), finalizer).toJson(mapper),
        "locked " + sourceRef + " (shared) and target name " + targetRef(context) + " (exclusive)");
  }

  @Override
  public void describe(JsonNode done, DoneFacts facts) {
    facts.sourceUid(SourceFlags.fromJson(mapper, done).sourceUid());
  }

  @Override
  public void undo(TaskContext context) {
    platform.removeFinalizer(context.source(), ChildNames.sourceFinalizer(context.cloneUid()));
    entityLocks.releaseAll(context.task().id());
  }

  /**
   * A source snapshot that is not ready yet is waited for, but one that failed never becomes ready
   * (KubeVirt does not retry a failed VirtualMachineSnapshot): the clone fails at once.
   */
  private ActionResult notReady(TaskContext context, ObjectRef sourceRef) {
    Optional<SnapshotState> snapshot =
        context.sourceIsSnapshot()
            ? platform.readSnapshot(sourceRef.namespace(), sourceRef.name())
            : Optional.empty();
    if (snapshot.isPresent() && snapshot.get().phase() == SnapshotState.Phase.FAILED) {
      return ActionResult.failed(
          Reasons.SNAPSHOT_FAILED, sourceRef + " failed: " + snapshot.get().message());
    }
    return ActionResult.blocked(Reasons.SOURCE_NOT_FOUND, sourceRef + " is not ready to use yet");
  }

  /**
   * Any VM of the target name found before CreateTarget ran is someone else's, whatever its labels
   * say (the task id in the label is public).
   */
  private Optional<ActionResult> checkTarget(TaskContext context) {
    Optional<VmState> existing = platform.findVm(context.targetNamespace(), context.targetName());
    if (existing.isPresent()) {
      return Optional.of(
          ActionResult.failed(
              Reasons.TARGET_EXISTS,
              targetRef(context)
                  + " exists and was not created by this clone; it was left untouched"));
    }
    return Optional.empty();
  }

  private static List<EntityLock> locks(TaskContext context, SourceObject source) {
    ObjectRef ref = context.source();
    return List.of(
        new EntityLock(
            ref.kind(), ref.namespace(), ref.name(), EntityLock.Mode.SHARED, source.uid()),
        new EntityLock(
            VIRTUAL_MACHINE,
            context.targetNamespace(),
            context.targetName(),
            EntityLock.Mode.EXCLUSIVE,
            null));
  }

  private static ActionResult conflictResult(TaskContext context, LockConflict conflict) {
    if (conflict.wanted().mode() == EntityLock.Mode.EXCLUSIVE) {
      return ActionResult.failed(
          Reasons.TARGET_NAME_IN_USE,
          "target name "
              + targetRef(context)
              + " is taken by another active clone (task "
              + conflict.holderTaskId()
              + "); nothing was changed");
    }
    return ActionResult.blocked(
        Reasons.SOURCE_LOCKED,
        conflict.wanted() + " is locked by clone task " + conflict.holderTaskId());
  }

  private static ObjectRef targetRef(TaskContext context) {
    return new ObjectRef(VIRTUAL_MACHINE, context.targetNamespace(), context.targetName());
  }
}
