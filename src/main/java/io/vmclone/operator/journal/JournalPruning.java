package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Deletes finished tasks (SUCCESS or ERROR) completed before a cutoff, with their journals, entries
 * and sessions (the foreign keys cascade), a batch per transaction so that pruning a large backlog
 * never holds long locks. Unfinished tasks are never touched.
 *
 * <p>Every pruned task leaves a tombstone (its clone's UID, in {@code pruned_clone}) in the same
 * transaction that deletes it, so that no moment exists where the clone looks new: a clone whose
 * status was wiped must not run a second time ({@link JournalRepository#findTombstone}). Tombstones
 * are deleted in turn after their own, much longer retention. A clone refused for its tombstone
 * gets a refused task of its own, which is pruned in turn; its tombstone keeps what the first task
 * left and only its time is renewed.
 */
@ApplicationScoped
public class JournalPruning {

  static final int BATCH = 500;

  private final FencedWrites writes;
  private final Clock clock;

  public JournalPruning(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    this.writes = new FencedWrites(new Jdbc(dataSource, mapper), epoch, incarnation, clock);
    this.clock = clock;
  }

  /**
   * Deletes the tasks that finished more than {@code retention} ago, leaving a tombstone for each;
   * how many it deleted.
   */
  public int prune(Duration retention) {
    Instant now = clock.instant();
    Instant cutoff = now.minus(retention);
    int total = 0;
    int deleted;
    do {
      deleted =
          writes.run(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "WITH gone AS (DELETE FROM clone_task WHERE id IN (SELECT id FROM"
                            + " clone_task WHERE state IN ('SUCCESS', 'ERROR') AND completed_at < ?"
                            + " LIMIT "
                            + BATCH
                            + ") RETURNING clone_uid, clone_namespace, clone_name, id, state,"
                            + " completed_at) INSERT INTO pruned_clone (clone_uid,"
                            + " clone_namespace, clone_name, task_id, task_state, completed_at,"
                            + " pruned_at) SELECT clone_uid, clone_namespace, clone_name, id,"
                            + " state, completed_at, ? FROM gone ON CONFLICT (clone_uid) DO UPDATE"
                            + " SET pruned_at = EXCLUDED.pruned_at")) {
                  s.setTimestamp(1, Jdbc.timestamp(cutoff));
                  s.setTimestamp(2, Jdbc.timestamp(now));
                  return s.executeUpdate();
                }
              });
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }

  /** Deletes the tombstones of tasks pruned more than {@code retention} ago; how many. */
  public int pruneTombstones(Duration retention) {
    Instant cutoff = clock.instant().minus(retention);
    return writes.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM pruned_clone WHERE pruned_at < ?")) {
            s.setTimestamp(1, Jdbc.timestamp(cutoff));
            return s.executeUpdate();
          }
        });
  }
}
