package io.vmclone.operator.reconciler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.ConditionTypes;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.journal.EntryState;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.recovery.RecoveryLane;
import io.vmclone.operator.workflow.Notice;
import io.vmclone.operator.workflow.StepOutcome;
import io.vmclone.operator.workflow.TaskContext;
import io.vmclone.operator.workflow.TaskOpener;
import io.vmclone.operator.workflow.WorkflowEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The thin reconciler: loads the clone's task and journal, lets the engine run its actions one
 * after the other while they finish at once (within {@link #CHAIN_BUDGET}), publishes each one's
 * events, projects the status once and patches it only if it changed, then reschedules itself while
 * the clone is not finished. Deleting a clone undoes whatever it created (a finalizer). Every log
 * line of a reconcile carries the clone and its task in the MDC ({@link CloneMdc}).
 */
@ControllerConfiguration(name = "virtualmachineclone")
public class CloneReconciler
    implements Reconciler<VirtualMachineClone>, Cleaner<VirtualMachineClone> {

  private static final Logger LOG = Logger.getLogger(CloneReconciler.class);
  private static final Duration ERROR_RECHECK = Duration.ofSeconds(10);

  /**
   * How long one reconcile goes on with the next action when the last one finished at once. One
   * action per reconcile cost a trip through JOSDK's queue, a journal load and a status patch per
   * action; behind a hundred other clones that trip took most of a clone's time. The budget keeps a
   * reconcile short enough for a clean shutdown to wait for it.
   */
  private static final Duration CHAIN_BUDGET = Duration.ofMillis(200);

  private final TaskOpener opener;
  private final JournalRepository journal;
  private final WorkflowEngine engine;
  private final CloneEvents events;
  private final OperatorConfig config;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final RecoveryLane lane;
  private final SimpleInboundEventSource<VirtualMachineClone> wakeUps =
      new SimpleInboundEventSource<>("recovery-lane");

  public CloneReconciler(
      TaskOpener opener,
      JournalRepository journal,
      WorkflowEngine engine,
      CloneEvents events,
      OperatorConfig config,
      ObjectMapper mapper,
      Clock clock,
      RecoveryLane lane) {
    this.opener = opener;
    this.journal = journal;
    this.engine = engine;
    this.events = events;
    this.config = config;
    this.mapper = mapper;
    this.clock = clock;
    this.lane = lane;
  }

  /** Reconciles asked for by the recovery lane when a clone's turn comes. */
  @Override
  public List<EventSource<?, VirtualMachineClone>> prepareEventSources(
      EventSourceContext<VirtualMachineClone> context) {
    return List.of(wakeUps);
  }

  @Override
  public UpdateControl<VirtualMachineClone> reconcile(
      VirtualMachineClone clone, Context<VirtualMachineClone> context) {
    ResourceID id = ResourceID.fromResource(clone);
    Optional<RecoveryLane.Pass> pass =
        lane.enter(
            clone.getMetadata().getUid(), startedBefore(clone), () -> wakeUps.propagateEvent(id));
    if (pass.isEmpty()) {
      return UpdateControl.<VirtualMachineClone>noUpdate().rescheduleAfter(lane.safetyNet());
    }
    try (CloneMdc scope = mdc(clone);
        RecoveryLane.Pass entered = pass.get()) {
      return step(clone);
    }
  }

  /** Whether the clone had a task that was not finished when this reconcile was asked for. */
  private static boolean startedBefore(VirtualMachineClone clone) {
    VirtualMachineCloneStatus status = clone.getStatus();
    return status != null
        && status.getTaskId() != null
        && (status.getPhase() == null || !status.getPhase().isTerminal());
  }

  private UpdateControl<VirtualMachineClone> step(VirtualMachineClone clone) {
    if (prunedFromJournal(clone)) {
      return UpdateControl.noUpdate();
    }
    TaskRecord task =
        opener.taskFor(
            clone.getMetadata().getNamespace(),
            clone.getMetadata().getName(),
            clone.getMetadata().getUid(),
            creationTime(clone),
            clone.getSpec(),
            clone.getMetadata().getAnnotations());
    CloneMdc.task(task.id());
    reportIgnoredSpecChange(clone, task);
    TaskJournal before = journal.load(task.id()).orElseThrow();
    reportRefused(clone, before);
    StepOutcome outcome =
        before.isRecovering() && !before.isFinished() && !showsRecovering(clone)
            ? engine.announceRecovery(before)
            : engine.step(before);
    TaskJournal after = reloaded(before, outcome);
    events.publish(clone, outcome.notices());
    long chainEnd = System.nanoTime() + CHAIN_BUDGET.toNanos();
    // a recovery reconcile holds a slot of the recovery lane: it ends with the decision
    boolean chains = !before.isRecovering();
    while (chains && outcome.kind() == StepOutcome.Kind.ADVANCED && System.nanoTime() < chainEnd) {
      outcome = engine.step(after);
      after = reloaded(after, outcome);
      events.publish(clone, outcome.notices());
    }
    if (!after.isRecovering() || after.isFinished()) {
      lane.recovered(clone.getMetadata().getUid());
    }
    reportBlocked(clone, outcome);
    TaskContext projected = engine.context(after);
    VirtualMachineCloneStatus status =
        StatusProjector.project(clone.getStatus(), projected, outcome, generation(clone));
    UpdateControl<VirtualMachineClone> control = patchIfChanged(clone, status);
    Optional<Duration> delay = nextLook(outcome, after);
    return delay.isPresent() ? control.rescheduleAfter(delay.get()) : control;
  }

  private TaskJournal reloaded(TaskJournal before, StepOutcome outcome) {
    return outcome.kind() == StepOutcome.Kind.FINISHED
        ? before
        : journal.load(before.task().id()).orElseThrow();
  }

  @Override
  public DeleteControl cleanup(VirtualMachineClone clone, Context<VirtualMachineClone> context) {
    try (CloneMdc scope = mdc(clone)) {
      cancel(clone);
    }
    return DeleteControl.defaultDelete();
  }

  private void cancel(VirtualMachineClone clone) {
    Optional<TaskRecord> task = journal.findTaskByCloneUid(clone.getMetadata().getUid());
    if (task.isPresent()) {
      CloneMdc.task(task.get().id());
      TaskJournal loaded = journal.load(task.get().id()).orElseThrow();
      StepOutcome outcome =
          engine.cancel(
              loaded,
              Reasons.DELETED,
              "the clone was deleted before it finished; everything it created was undone");
      events.publish(clone, outcome.notices());
    }
  }

  @Override
  public ErrorStatusUpdateControl<VirtualMachineClone> updateErrorStatus(
      VirtualMachineClone clone, Context<VirtualMachineClone> context, Exception e) {
    try (CloneMdc scope = mdc(clone)) {
      if (clone.getStatus() != null) {
        CloneMdc.task(clone.getStatus().getTaskId());
      }
      return errorStatus(clone, e);
    }
  }

  private ErrorStatusUpdateControl<VirtualMachineClone> errorStatus(
      VirtualMachineClone clone, Exception thrown) {
    ReconcileFailure failure = ReconcileFailure.of(thrown);
    if (!failure.shownIn(clone.getStatus())) {
      LOG.warnf("reconcile failed (%s): %s", failure.reason(), LogText.escape(failure.message()));
      events.publish(clone, Notice.warning(failure.reason(), failure.message()));
    }
    clone.setStatus(
        StatusProjector.withError(
            clone.getStatus(),
            failure.reason(),
            failure.message(),
            generation(clone),
            clock.instant()));
    // Once JOSDK's retries are used up it waits for the next event; a database that comes back
    // later must still resume the clone, so keep looking.
    return ErrorStatusUpdateControl.patchStatus(clone).rescheduleAfter(ERROR_RECHECK);
  }

  private void reportIgnoredSpecChange(VirtualMachineClone clone, TaskRecord task) {
    VirtualMachineCloneStatus status = clone.getStatus();
    boolean newGeneration =
        status != null
            && status.getObservedGeneration() != null
            && status.getObservedGeneration() < generation(clone);
    if (newGeneration && opener.differs(task, clone.getSpec())) {
      events.publish(
          clone,
          Notice.warning(
              Reasons.SPEC_CHANGE_IGNORED,
              "the spec changed after the clone started (generation "
                  + generation(clone)
                  + "); the clone goes on with the spec it started with"));
    }
  }

  /**
   * A finished clone whose task the journal no longer holds (pruned after {@code
   * vmclone.journal.retention}): its status is all that is left of it, and it must not be cloned
   * again.
   */
  private boolean prunedFromJournal(VirtualMachineClone clone) {
    VirtualMachineCloneStatus status = clone.getStatus();
    return status != null
        && status.getPhase() != null
        && status.getPhase().isTerminal()
        && status.getTaskId() != null
        && journal.findTaskByCloneUid(clone.getMetadata().getUid()).isEmpty();
  }

  /**
   * A task that ended before this reconcile while the status does not show it ended: a clone
   * refused as its task opened (nothing ran, so no step published the failure), or one whose status
   * someone wiped. The failure becomes a Warning event once, as the status shows it.
   */
  private void reportRefused(VirtualMachineClone clone, TaskJournal loaded) {
    TaskRecord task = loaded.task();
    boolean shown =
        clone.getStatus() != null
            && clone.getStatus().getPhase() != null
            && clone.getStatus().getPhase().isTerminal();
    if (loaded.isFinished() && task.state() == TaskState.ERROR && !shown) {
      events.publish(clone, Notice.warning(task.errorReason(), task.errorMessage()));
    }
  }

  /** Recovery is shown in the status before it acts, so that people see it happen. */
  private static boolean showsRecovering(VirtualMachineClone clone) {
    return clone.getStatus() != null && clone.getStatus().getPhase() == ClonePhase.Recovering;
  }

  private void reportBlocked(VirtualMachineClone clone, StepOutcome outcome) {
    if (outcome.kind() != StepOutcome.Kind.BLOCKED) {
      return;
    }
    boolean alreadyReported =
        clone.getStatus() != null
            && clone.getStatus().getConditions().stream()
                .anyMatch(
                    c ->
                        ConditionTypes.BLOCKED.equals(c.getType())
                            && "True".equals(c.getStatus())
                            && outcome.reason().equals(c.getReason()));
    if (!alreadyReported) {
      events.publish(clone, Notice.warning(outcome.reason(), outcome.message()));
    }
  }

  private UpdateControl<VirtualMachineClone> patchIfChanged(
      VirtualMachineClone clone, VirtualMachineCloneStatus status) {
    if (mapper.valueToTree(status).equals(mapper.valueToTree(clone.getStatus()))) {
      return UpdateControl.noUpdate();
    }
    clone.setStatus(status);
    return UpdateControl.patchStatus(clone);
  }

  private Optional<Duration> nextLook(StepOutcome outcome, TaskJournal journal) {
    return switch (outcome.kind()) {
      case ADVANCED, RECOVERING -> Optional.of(Duration.ofMillis(1));
      case WAITING ->
          Optional.of(PollPacing.next(waited(outcome, journal), config.polling().running()));
      case BLOCKED -> Optional.of(config.polling().blocked());
      case SUCCEEDED, FAILED, FINISHED -> Optional.empty();
    };
  }

  /** How long the action has been under way, by its STARTED entry (the database's clock). */
  private Duration waited(StepOutcome outcome, TaskJournal journal) {
    return journal
        .lastEntryOf(outcome.action(), EntryState.STARTED)
        .map(started -> Duration.between(started.writtenAt(), clock.instant()))
        .orElse(null);
  }

  private static CloneMdc mdc(VirtualMachineClone clone) {
    return CloneMdc.open(clone.getMetadata().getNamespace(), clone.getMetadata().getName());
  }

  private static long generation(VirtualMachineClone clone) {
    Long generation = clone.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  private static Instant creationTime(VirtualMachineClone clone) {
    String created = clone.getMetadata().getCreationTimestamp();
    return created == null ? null : Instant.parse(created);
  }
}
