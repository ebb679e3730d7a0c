package io.vmclone.operator.recovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.logging.CloneMdc;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.workflow.Reasons;
import io.vmclone.operator.workflow.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a new leader does first, beside normal reconciles: marks every task another incarnation left
 * unfinished as recovering, flags its source in recovery (database and annotation), and undoes and
 * closes the tasks whose clone is gone (no reconcile would ever come for them), also among those a
 * process handed over on a clean shutdown. The recovery of a task whose clone exists happens in
 * that clone's reconcile.
 */
@ApplicationScoped
public class RecoveryScan {

  private static final Logger LOG = Logger.getLogger(RecoveryScan.class);

  private final RecoveryRepository recovery;
  private final JournalRepository journal;
  private final WorkflowEngine engine;
  private final VmPlatform platform;
  private final KubernetesClient client;
  private final CloneMetrics metrics;

  public RecoveryScan(
      RecoveryRepository recovery,
      JournalRepository journal,
      WorkflowEngine engine,
      VmPlatform platform,
      KubernetesClient client,
      CloneMetrics metrics) {
    this.recovery = recovery;
    this.journal = journal;
    this.engine = engine;
    this.platform = platform;
    this.client = client;
    this.metrics = metrics;
  }

  /** Runs the scan once; returns how many tasks it found interrupted. */
  public int run() {
    long start = System.nanoTime();
    List<TaskRecord> interrupted = recovery.markInterrupted();
    metrics.recoveriesStarted(interrupted.size());
    long flaggedAt = System.nanoTime();
    int gone = 0;
    for (TaskRecord task : interrupted) {
      if (cloneExists(task)) {
        flagSource(task);
      } else {
        undoOrphan(task);
        metrics.restartDecision(Reasons.DELETED);
        gone++;
      }
    }
    for (TaskRecord task : recovery.handedOver()) {
      if (!cloneExists(task)) {
        undoOrphan(task);
        gone++;
      }
    }
    LOG.infof(
        "recovery scan: %d interrupted task(s) flagged in %d ms (database in %d ms);"
            + " %d whose clone is gone undone",
        interrupted.size(),
        (System.nanoTime() - start) / 1_000_000,
        (flaggedAt - start) / 1_000_000,
        gone);
    return interrupted.size();
  }

  /**
   * Annotates the task's source as in recovery. The clone's own reconcile may settle the task (and
   * clear the annotation) while this scan is still busy with other tasks; an annotation added after
   * that would stay for good, so it is taken back when the task no longer recovers.
   */
  private void flagSource(TaskRecord task) {
    ObjectRef source = source(task);
    String taskId = task.id().toString();
    platform.markInRecovery(source, taskId);
    boolean recovering =
        journal.load(task.id()).map(j -> j.isRecovering() && !j.isFinished()).orElse(false);
    if (!recovering) {
      platform.clearInRecovery(source, taskId);
    }
  }

  private boolean cloneExists(TaskRecord task) {
    VirtualMachineClone clone =
        client
            .resources(VirtualMachineClone.class)
            .inNamespace(task.cloneNamespace())
            .withName(task.cloneName())
            .get();
    return clone != null && task.cloneUid().equals(clone.getMetadata().getUid());
  }

  private void undoOrphan(TaskRecord task) {
    try (CloneMdc scope = CloneMdc.open(task.cloneNamespace(), task.cloneName())) {
      CloneMdc.task(task.id());
      journal
          .load(task.id())
          .ifPresent(
              loaded ->
                  engine.cancel(
                      loaded,
                      Reasons.DELETED,
                      "the clone was deleted while no operator ran; everything it created was"
                          + " undone"));
      LOG.infof(
          "recovery: task %s of deleted clone %s/%s undone",
          task.id(), task.cloneNamespace(), task.cloneName());
    }
  }

  private static ObjectRef source(TaskRecord task) {
    EntityLock source = RecoveryRepository.source(task);
    return new ObjectRef(source.kind(), source.namespace(), source.name());
  }
}
