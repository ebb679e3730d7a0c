package io.vmclone.operator.recovery;

import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.metrics.CloneMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * What a new leader does first, beside normal reconciles: marks every task another incarnation left
 * unfinished as recovering and flags its source in recovery (database, in the same transaction),
 * then annotates the source of every recovering task whose clone exists with the tasks the journal
 * says recover with it ({@link SourceFlagging}: one request per source), and undoes and closes the
 * tasks whose clone is gone (no reconcile would ever come for them), also among those a process
 * handed over on a clean shutdown. The recovery of a task whose clone exists happens in that
 * clone's reconcile.
 */
@ApplicationScoped
public class RecoveryScan {

  private static final Logger LOG = Logger.getLogger(RecoveryScan.class);

  private final RecoveryRepository recovery;
  private final OrphanTasks orphans;
  private final SourceFlagging flagging;
  private final CloneMetrics metrics;
  private final RecoveryLane lane;

  public RecoveryScan(
      RecoveryRepository recovery,
      OrphanTasks orphans,
      SourceFlagging flagging,
      CloneMetrics metrics,
      RecoveryLane lane) {
    this.recovery = recovery;
    this.orphans = orphans;
    this.flagging = flagging;
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
    int sources =
        flagging.flag(
            recovery.recovering().stream()
                .filter(task -> clones.contains(task.cloneUid()))
                .toList());
    lane.sourcesFlagged();
    long annotatedAt = System.nanoTime();
    int gone = 0;
    for (TaskRecord task : interrupted) {
      if (!clones.contains(task.cloneUid())) {
        orphans.undo(task.id());
        metrics.restartDecision(Reasons.DELETED);
        gone++;
      }
    }
    for (TaskRecord task : recovery.handedOver()) {
      if (!clones.contains(task.cloneUid())) {
        orphans.undo(task.id());
        gone++;
      }
    }
    LOG.infof(
        "recovery scan: %d interrupted task(s) flagged in %d ms (database in %d ms, %d source(s)"
            + " annotated); %d whose clone is gone undone",
        interrupted.size(),
        (annotatedAt - start) / 1_000_000,
        (flaggedAt - start) / 1_000_000,
        sources,
        gone);
    return interrupted.size();
  }
}
