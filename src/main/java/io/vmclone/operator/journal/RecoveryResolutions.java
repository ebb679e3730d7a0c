package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * How a recovering task ({@link RecoveryRepository#markInterrupted}) comes out of recovery: its
 * interrupted action restarts, or this process carries on its undo. Either way its recovery flags
 * are cleared in the same fenced transaction.
 */
@ApplicationScoped
public class RecoveryResolutions {

  private final TaskRows rows;
  private final JournalWriter writer;
  private final FencedWrites writes;

  public RecoveryResolutions(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    Jdbc jdbc = new Jdbc(dataSource, mapper);
    this.rows = new TaskRows(jdbc);
    this.writer = new JournalWriter(rows, new JournalRows(jdbc), incarnation, clock);
    this.writes = new FencedWrites(jdbc, epoch, incarnation, clock);
  }

  /**
   * Restarts an interrupted workflow: in one transaction a RESTARTED entry (about the interrupted
   * action, which then starts afresh), the task's restart count up by one, and its recovery flags
   * cleared (the task runs forward again).
   */
  public void restart(UUID taskId, String action, String message) {
    writes.run(
        c -> {
          writer.append(c, taskId, action, EntryState.RESTARTED, null, message);
          rows.countRestart(c, taskId);
          EntityFlags.clearRecovery(c, taskId);
          writer.clearRecovering(c, taskId);
          return null;
        });
  }

  /** Clears the task's recovery flags without a restart: this process carries on its undo. */
  public void clearRecovery(UUID taskId) {
    writes.run(
        c -> {
          EntityFlags.clearRecovery(c, taskId);
          writer.clearRecovering(c, taskId);
          return null;
        });
  }
}
