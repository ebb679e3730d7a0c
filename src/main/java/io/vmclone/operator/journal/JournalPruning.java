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

  /** Deletes the tasks that finished more than {@code retention} ago; how many it deleted. */
  public int prune(Duration retention) {
    Instant cutoff = clock.instant().minus(retention);
    int total = 0;
    int deleted;
    do {
      deleted =
          writes.run(
              c -> {
                try (PreparedStatement s =
                    c.prepareStatement(
                        "DELETE FROM clone_task WHERE id IN (SELECT id FROM clone_task"
                            + " WHERE state IN ('SUCCESS', 'ERROR') AND completed_at < ? LIMIT "
                            + BATCH
                            + ")")) {
                  s.setTimestamp(1, Jdbc.timestamp(cutoff));
                  return s.executeUpdate();
                }
              });
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }
}
