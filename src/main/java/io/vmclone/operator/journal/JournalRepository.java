package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The clone tasks and their workflow journals in PostgreSQL.
 *
 * <p>Invariants: entries of a task are numbered 1, 2, 3... without gaps; no entry is written to a
 * journal that is COMMITTED or ABORTED; the final entry, the journal state and the task state of a
 * finished task are written in one transaction; every write records this process's {@link
 * Incarnation}. The entity locks of a task are {@link JournalLocks}; how a recovering task goes on,
 * {@link RecoveryResolutions}.
 */
@ApplicationScoped
public class JournalRepository {

  private final Jdbc jdbc;
  private final TaskRows rows;
  private final JournalRows journals;
  private final JournalWriter writer;
  private final FencedWrites writes;

  public JournalRepository(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.rows = new TaskRows(jdbc);
    this.journals = new JournalRows(jdbc);
    this.writer = new JournalWriter(rows, journals, incarnation, clock);
    this.writes = new FencedWrites(jdbc, epoch, incarnation, clock);
  }

  /**
   * Checks, without writing, that this process still holds the current leadership epoch; called
   * before a side effect that no journal write precedes in the same step (polling an action).
   *
   * @throws FencedException if another process leads now
   */
  public void checkLeadership() {
    writes.run(c -> null);
  }

  /** Opens a task (QUEUED) with an empty PENDING journal; returns the existing one if any. */
  public TaskRecord openTask(NewTask task) {
    return writes.run(c -> open(c, task));
  }

  /**
   * Opens the task if its namespace has fewer than {@code limit.max()} active tasks; otherwise
   * records it refused with the limit's reason, as {@link #openRejectedTask} does.
   */
  public TaskRecord openTask(NewTask task, ActiveLimit limit) {
    return writes.run(
        c -> {
          if (rows.lockAndCountActive(c, task.cloneNamespace()) < limit.max()) {
            return open(c, task);
          }
          return reject(c, task, limit.reason(), limit.message());
        });
  }

  private TaskRecord open(Connection c, NewTask task) throws SQLException {
    UUID id = UUID.randomUUID();
    if (rows.insertTask(c, id, task, TaskState.QUEUED)) {
      writer.insertJournal(c, id, JournalState.PENDING);
    }
    return rows.findByCloneUid(c, task.cloneUid()).orElseThrow();
  }

  /** Records a clone refused before it started: task ERROR and journal ABORTED at once. */
  public TaskRecord openRejectedTask(NewTask task, String reason, String message) {
    return writes.run(c -> reject(c, task, reason, message));
  }

  private TaskRecord reject(Connection c, NewTask task, String reason, String message)
      throws SQLException {
    UUID id = UUID.randomUUID();
    if (!rows.insertTask(c, id, task, TaskState.QUEUED)) {
      return rows.findByCloneUid(c, task.cloneUid()).orElseThrow();
    }
    writer.insertJournal(c, id, JournalState.PENDING);
    writer.finish(c, id, PseudoActions.REJECT, EntryState.ABORTED, message, JournalState.ABORTED);
    rows.finishTask(c, id, TaskState.ERROR, reason, message, null, writer.now());
    return rows.findByCloneUid(c, task.cloneUid()).orElseThrow();
  }

  public Optional<TaskRecord> findTaskByCloneUid(String cloneUid) {
    return jdbc.inTransaction(c -> rows.findByCloneUid(c, cloneUid));
  }

  /**
   * The tombstone the clone's task left when it was pruned ({@link JournalPruning}), if it was: a
   * clone with a tombstone ran once and must not run again.
   */
  public Optional<Tombstone> findTombstone(String cloneUid) {
    return jdbc.inTransaction(c -> Tombstones.find(c, cloneUid));
  }

  /** The task, its journal state and every entry, consistent with each other. */
  public Optional<TaskJournal> load(UUID taskId) {
    return jdbc.inTransaction(
        c -> {
          Optional<TaskRecord> task = rows.findById(c, taskId);
          if (task.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(journals.journal(c, task.get()));
        });
  }

  /**
   * Appends an entry to a PENDING journal and commits it. The first STARTED entry moves the task
   * from QUEUED to RUNNING.
   *
   * @throws IllegalStateException if the journal is already finished
   */
  public JournalEntry append(
      UUID taskId, String action, EntryState state, JsonNode data, String message) {
    return writes.run(c -> writer.append(c, taskId, action, state, data, message));
  }

  /** Sets the task's progress (0-100) if it changed. */
  public void updateProgress(UUID taskId, int progress) {
    writes.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE clone_task SET progress = ? WHERE id = ? AND progress <> ? AND state = 'RUNNING'")) {
            s.setInt(1, progress);
            s.setObject(2, taskId);
            s.setInt(3, progress);
            return s.executeUpdate();
          }
        });
  }

  /**
   * Commits the workflow: in one transaction a COMMITTED entry, journal COMMITTED, task SUCCESS
   * with its result, and the task's entity locks dropped.
   */
  public void commit(UUID taskId, JsonNode result) {
    writes.run(
        c -> {
          writer.finish(
              c,
              taskId,
              PseudoActions.COMMIT,
              EntryState.COMMITTED,
              "clone committed",
              JournalState.COMMITTED);
          rows.finishTask(c, taskId, TaskState.SUCCESS, null, null, result, writer.now());
          EntityFlags.releaseAll(c, taskId);
          return null;
        });
  }

  /**
   * Aborts the workflow: in one transaction an ABORTED entry, journal ABORTED, task ERROR with the
   * reason, and the task's entity locks dropped.
   */
  public void abort(UUID taskId, String reason, String message) {
    writes.run(
        c -> {
          writer.finish(
              c,
              taskId,
              PseudoActions.ABORT,
              EntryState.ABORTED,
              reason + ": " + message,
              JournalState.ABORTED);
          rows.finishTask(c, taskId, TaskState.ERROR, reason, message, null, writer.now());
          EntityFlags.releaseAll(c, taskId);
          writer.clearRecovering(c, taskId);
          return null;
        });
  }
}
