package io.vmclone.operator.recovery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.journal.JournalPruning;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.logging.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The pruning job: every {@code vmclone.journal.prune-interval}, the leader deletes the tasks that
 * finished longer than {@code vmclone.journal.retention} ago (each leaves a tombstone) and the
 * tombstones older than {@code vmclone.journal.tombstone-retention}; before that it closes the
 * unfinished tasks whose clone is gone ({@link OrphanTasks}), so that no task stays unfinished, and
 * unprunable, for good. Standbys do nothing; a failed run (database down) is only logged and tried
 * again at the next interval.
 */
@ApplicationScoped
public class JournalPruner {

  private static final Logger LOG = Logger.getLogger(JournalPruner.class);

  /**
   * How long a task whose clone is gone must have been idle before it is closed: far longer than
   * any reconcile, so that none still busy with a clone deleted a moment ago is raced.
   */
  static final Duration ORPHAN_IDLE = Duration.ofMinutes(10);

  private final JournalPruning pruning;
  private final OrphanTasks orphans;
  private final LeaderEpoch epoch;
  private final OperatorConfig config;
  private ScheduledExecutorService timer;

  public JournalPruner(
      JournalPruning pruning, OrphanTasks orphans, LeaderEpoch epoch, OperatorConfig config) {
    this.pruning = pruning;
    this.orphans = orphans;
    this.epoch = epoch;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    long every = config.journal().pruneInterval().toMillis();
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "journal-pruner");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::pruneIfLeader, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** One round of the job, as the timer runs it; does nothing unless this replica leads. */
  public void pruneIfLeader() {
    if (!epoch.isLeader()) {
      return;
    }
    closeOrphans();
    try {
      int deleted = pruning.prune(config.journal().retention());
      if (deleted > 0) {
        LOG.infof(
            "journal pruning: deleted %d task(s) finished more than %s ago",
            deleted, config.journal().retention());
      }
      int tombstones = pruning.pruneTombstones(config.journal().tombstoneRetention());
      if (tombstones > 0) {
        LOG.infof(
            "journal pruning: deleted %d tombstone(s) older than %s",
            tombstones, config.journal().tombstoneRetention());
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          "journal pruning failed (%s); next try in %s",
          e.getMessage(), config.journal().pruneInterval());
    }
  }

  private void closeOrphans() {
    try {
      int closed = orphans.sweep(ORPHAN_IDLE);
      if (closed > 0) {
        LOG.infof("journal pruning: closed %d task(s) whose clone is gone", closed);
      }
    } catch (RuntimeException e) {
      LOG.warnf(
          "closing tasks whose clone is gone failed (%s); next try in %s",
          LogText.escape(String.valueOf(e.getMessage())), config.journal().pruneInterval());
    }
  }
}
