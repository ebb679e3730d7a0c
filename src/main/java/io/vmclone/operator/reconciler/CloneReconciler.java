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
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.platform.ChildWatch;
import io.vmclone.operator.recovery.RecoveryLane;
import io.vmclone.operator.workflow.Advance;
import io.vmclone.operator.workflow.CloneStepper;
import io.vmclone.operator.workflow.Notice;
import io.vmclone.operator.workflow.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The reconciler keeps to java-operator-sdk's side of a clone: the recovery lane, the log context
 * ({@link CloneMdc}), events, the status (projected once, patched only if it changed) and when to
 * look again. The journal round trip is the workflow's ({@link CloneStepper}). Deleting a clone
 * undoes whatever it created (a finalizer).
 */
@ControllerConfiguration(name = "virtualmachineclone")
public class CloneReconciler
    implements Reconciler<VirtualMachineClone>, Cleaner<VirtualMachineClone> {

  private static final Logger LOG = Logger.getLogger(CloneReconciler.class);
  private static final Duration ERROR_RECHECK = Duration.ofSeconds(10);

  private final CloneStepper stepper;
  private final CloneEvents events;
  private final OperatorConfig config;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final RecoveryLane lane;
  private final SimpleInboundEventSource<VirtualMachineClone> wakeUps =
      new SimpleInboundEventSource<>("recovery-lane-and-children");
  private final ChildWatch childWatch;
  private final ChildWakeUps children;

  public CloneReconciler(
      CloneStepper stepper,
      CloneEvents events,
      OperatorConfig config,
      ObjectMapper mapper,
      Clock clock,
      RecoveryLane lane,
      ChildWatch childWatch) {
    this.stepper = stepper;
    this.events = events;
    this.config = config;
    this.mapper = mapper;
    this.clock = clock;
    this.lane = lane;
    this.childWatch = childWatch;
    this.children = new ChildWakeUps(childWatch, wakeUps::propagateEvent);
  }

  /**
   * Reconciles asked for by the recovery lane when a clone's turn comes, and by the platform's
   * watch when an object a clone created changes.
   */
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
        lane.enter(uid(clone), startedBefore(clone), () -> wakeUps.propagateEvent(id));
    if (pass.isEmpty()) {
      return UpdateControl.<VirtualMachineClone>noUpdate().rescheduleAfter(lane.safetyNet());
    }
    try (CloneMdc scope = mdc(clone);
        RecoveryLane.Pass entered = pass.get()) {
      return stepper
          .advance(
              CloneRequests.of(clone),
              taskId -> children.track(taskId.toString(), clone),
              notices -> events.publish(clone, notices))
          .map(advance -> show(clone, advance))
          .orElseGet(UpdateControl::noUpdate);
    }
  }

  @Override
  public DeleteControl cleanup(VirtualMachineClone clone, Context<VirtualMachineClone> context) {
    if (clone.getStatus() != null) {
      children.forget(clone.getStatus().getTaskId());
    }
    try (CloneMdc scope = mdc(clone)) {
      stepper.cancel(
          uid(clone),
          Reasons.DELETED,
          "the clone was deleted before it finished; everything it created was undone",
          notices -> events.publish(clone, notices));
    }
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<VirtualMachineClone> updateErrorStatus(
      VirtualMachineClone clone, Context<VirtualMachineClone> context, Exception e) {
    try (CloneMdc scope = mdc(clone)) {
      if (clone.getStatus() != null) {
        CloneMdc.task(clone.getStatus().getTaskId());
      }
      ReconcileFailure failure = ReconcileFailure.of(e);
      if (!failure.shownIn(clone.getStatus())) {
        LOG.warnf("reconcile failed (%s): %s", failure.reason(), LogText.escape(failure.message()));
        events.publish(clone, Notice.warning(failure.reason(), failure.message()));
      }
      clone.setStatus(
          StatusProjector.withError(
              clone.getStatus(),
              failure.reason(),
              failure.message(),
              CloneRequests.generation(clone),
              clock.instant()));
      // Once JOSDK's retries are used up it waits for the next event; a database that comes back
      // later must still resume the clone, so keep looking.
      return ErrorStatusUpdateControl.patchStatus(clone).rescheduleAfter(ERROR_RECHECK);
    }
  }

  /** Tells what the steps did: the lane, a new block, the status; and when to look again. */
  private UpdateControl<VirtualMachineClone> show(VirtualMachineClone clone, Advance advance) {
    if (!advance.recovering()) {
      lane.recovered(uid(clone));
    }
    StepOutcome outcome = advance.outcome();
    if (outcome.kind() == StepOutcome.Kind.BLOCKED
        && !StatusProjector.showsBlocked(clone.getStatus(), outcome.reason())) {
      events.publish(clone, Notice.warning(outcome.reason(), outcome.message()));
    }
    VirtualMachineCloneStatus status =
        StatusProjector.project(
            clone.getStatus(), advance.facts(), outcome, CloneRequests.generation(clone));
    if (status.getPhase() != null && status.getPhase().isTerminal()) {
      children.forget(status.getTaskId());
    }
    UpdateControl<VirtualMachineClone> control = UpdateControl.noUpdate();
    if (!mapper.valueToTree(status).equals(mapper.valueToTree(clone.getStatus()))) {
      clone.setStatus(status);
      control = UpdateControl.patchStatus(clone);
    }
    Optional<Duration> delay = nextLook(clone, advance);
    return delay.isPresent() ? control.rescheduleAfter(delay.get()) : control;
  }

  /**
   * When to look again: at once after progress, after a pause when blocked, and while waiting as
   * {@link PollPacing#waiting} says.
   */
  private Optional<Duration> nextLook(VirtualMachineClone clone, Advance advance) {
    Duration running = config.polling().running();
    return switch (advance.outcome().kind()) {
      case ADVANCED, RECOVERING -> Optional.of(Duration.ofMillis(1));
      case WAITING ->
          Optional.of(
              PollPacing.waiting(
                  watched(clone), advance.underWay(), running, config.polling().safetyNet()));
      case BLOCKED -> Optional.of(config.polling().blocked());
      case SUCCEEDED, FAILED, FINISHED -> Optional.empty();
    };
  }

  /** Whether the watch covers the namespaces where the clone's objects are: source and target. */
  private boolean watched(VirtualMachineClone clone) {
    String namespace = clone.getMetadata().getNamespace();
    var spec = clone.getSpec();
    return spec != null
        && childWatch.watches(spec.sourceNamespaceIn(namespace))
        && childWatch.watches(spec.targetNamespaceIn(namespace));
  }

  /** Whether the clone had a task that was not finished when this reconcile was asked for. */
  private static boolean startedBefore(VirtualMachineClone clone) {
    VirtualMachineCloneStatus status = clone.getStatus();
    return status != null
        && status.getTaskId() != null
        && (status.getPhase() == null || !status.getPhase().isTerminal());
  }

  private static String uid(VirtualMachineClone clone) {
    return clone.getMetadata().getUid();
  }

  private static CloneMdc mdc(VirtualMachineClone clone) {
    return CloneMdc.open(clone.getMetadata().getNamespace(), clone.getMetadata().getName());
  }
}
