package io.vmclone.operator.recovery;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.partitioningBy;
import static java.util.stream.Collectors.toList;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.VmPlatform;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
  private static final int FLAGGING_THREADS = 8;

  private final RecoveryRepository recovery;
  private final JournalRepository journal;
  private final OrphanTasks orphans;
  private final VmPlatform platform;
  private final CloneMetrics metrics;
  private final RecoveryLane lane;

  public RecoveryScan(
      RecoveryRepository recovery,
      JournalRepository journal,
      OrphanTasks orphans,
      VmPlatform platform,
      CloneMetrics metrics,
      RecoveryLane lane) {
    this.recovery = recovery;
    this.journal = journal;
    this.orphans = orphans;
    this.platform = platform;
    this.metrics = metrics;
    this.lane = lane;
  }

  /** Runs the scan once; returns how many tasks it found interrupted. */
  public int run() {
    long start = System.nanoTime();
    List<TaskRecord> interrupted = recovery.markInterrupted();
    lane.interruptedFound(interrupted);
    metrics.recoveriesStarted(interrupted.size());
    long flaggedAt = System.nanoTime();
    Set<String> clones = orphans.cloneUids();
    Map<Boolean, List<TaskRecord>> byExistence =
        interrupted.stream().collect(partitioningBy(task -> clones.contains(task.cloneUid())));
    flagSources(byExistence.get(true));
    lane.sourcesFlagged();
    int gone = 0;
    for (TaskRecord task : byExistence.get(false)) {
      orphans.undo(task.id());
      metrics.restartDecision(Reasons.DELETED);
      gone++;
    }
    for (TaskRecord task : recovery.handedOver()) {
      if (!clones.contains(task.cloneUid())) {
        orphans.undo(task.id());
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
   * Annotates the sources in parallel: a thousand interrupted clones are a thousand updates, which
   * one after the other took the scan ten seconds and more. Tasks of one source go in turn, so that
   * they do not fight over its resourceVersion.
   */
  private void flagSources(List<TaskRecord> tasks) {
    Map<ObjectRef, List<TaskRecord>> bySource =
        tasks.stream().collect(groupingBy(RecoveryScan::source, LinkedHashMap::new, toList()));
    if (bySource.isEmpty()) {
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(FLAGGING_THREADS, bySource.size()),
            runnable -> new Thread(runnable, "recovery-flagging"));
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (List<TaskRecord> ofSource : bySource.values()) {
        jobs.add(pool.submit(() -> ofSource.forEach(this::flagSource)));
      }
      for (Future<?> job : jobs) {
        awaitFlagged(job);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitFlagged(Future<?> job) {
    try {
      job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while flagging sources in recovery", e);
    } catch (ExecutionException e) {
      // the database flags hold; the clone's own reconcile shows the recovery all the same
      LOG.warnf(
          "recovery scan: a source could not be annotated: %s",
          LogText.escape(e.getCause().toString()));
    }
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

  private static ObjectRef source(TaskRecord task) {
    EntityLock source = RecoveryRepository.source(task);
    return new ObjectRef(source.kind(), source.namespace(), source.name());
  }
}
