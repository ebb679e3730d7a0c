package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The clone tasks and their workflow journals in PostgreSQL.
 *
 * <p>Invariants: entries of a task are numbered 1, 2, 3... without gaps; no entry is written to a
 * journal that is COMMITTED or ABORTED; the final entry, the journal state and the task state of a
 * finished task are written in one transaction; every write records this process's {@link
 * Incarnation}.
 */
@ApplicationScoped
public class JournalRepository {

  private final Jdbc jdbc;
  private final TaskRows rows;
  private final JournalRows journals;
  private final Incarnation incarnation;
  private final Clock clock;

  public JournalRepository(
      DataSource dataSource, ObjectMapper mapper, Incarnation incarnation, Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.rows = new TaskRows(jdbc);
    this.journals = new JournalRows(jdbc);
    this.incarnation = incarnation;
    this.clock = clock;
  }

  /** Opens a task (QUEUED) with an empty PENDING journal; returns the existing one if any. */
  public TaskRecord openTask(NewTask task) {
    return jdbc.inTransaction(
        c -> {
          UUID id = UUID.randomUUID();
          if (rows.insertTask(c, id, task, TaskState.QUEUED)) {
            insertJournal(c, id, JournalState.PENDING);
          }
          return rows.findByCloneUid(c, task.cloneUid()).orElseThrow();
        });
  }

  /** Records a clone refused before it started: task ERROR and journal ABORTED at once. */
  public TaskRecord openRejectedTask(NewTask task, String reason, String message) {
    return jdbc.inTransaction(
        c -> {
          UUID id = UUID.randomUUID();
          if (!rows.insertTask(c, id, task, TaskState.QUEUED)) {
            return rows.findByCloneUid(c, task.cloneUid()).orElseThrow();
          }
          insertJournal(c, id, JournalState.PENDING);
          finish(c, id, "Reject", EntryState.ABORTED, message, JournalState.ABORTED);
          rows.finishTask(c, id, TaskState.ERROR, reason, message, null, now());
          return rows.findByCloneUid(c, task.cloneUid()).orElseThrow();
        });
  }

  public Optional<TaskRecord> findTaskByCloneUid(String cloneUid) {
    return jdbc.inTransaction(c -> rows.findByCloneUid(c, cloneUid));
  }

  /** The task, its journal state and every entry, consistent with each other. */
  public Optional<TaskJournal> load(UUID taskId) {
    return jdbc.inTransaction(
        c -> {
          Optional<TaskRecord> task = rows.findById(c, taskId);
          if (task.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(
              new TaskJournal(task.get(), journals.state(c, taskId), journals.entries(c, taskId)));
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
    return jdbc.inTransaction(c -> appendIn(c, taskId, action, state, data, message));
  }

  /** Sets the task's progress (0-100) if it changed. */
  public void updateProgress(UUID taskId, int progress) {
    jdbc.inTransaction(
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
    jdbc.inTransaction(
        c -> {
          finish(
              c, taskId, "Commit", EntryState.COMMITTED, "clone committed", JournalState.COMMITTED);
          rows.finishTask(c, taskId, TaskState.SUCCESS, null, null, result, now());
          EntityFlags.releaseAll(c, taskId);
          return null;
        });
  }

  /**
   * Aborts the workflow: in one transaction an ABORTED entry, journal ABORTED, task ERROR with the
   * reason, and the task's entity locks dropped.
   */
  public void abort(UUID taskId, String reason, String message) {
    jdbc.inTransaction(
        c -> {
          finish(
              c,
              taskId,
              "Abort",
              EntryState.ABORTED,
              reason + ": " + message,
              JournalState.ABORTED);
          rows.finishTask(c, taskId, TaskState.ERROR, reason, message, null, now());
          EntityFlags.releaseAll(c, taskId);
          return null;
        });
  }

  /** Takes every lock or none; returns the first conflict if another task holds one. */
  public Optional<LockConflict> acquireLocks(UUID taskId, List<EntityLock> locks) {
    return jdbc.inTransaction(c -> EntityFlags.acquire(c, taskId, locks, now()));
  }

  /** Drops every lock the task holds. */
  public void releaseLocks(UUID taskId) {
    jdbc.inTransaction(
        c -> {
          EntityFlags.releaseAll(c, taskId);
          return null;
        });
  }

  /** The locks the task holds. */
  public List<EntityLock> locksOf(UUID taskId) {
    return jdbc.inTransaction(c -> EntityFlags.of(c, taskId));
  }

  private void finish(
      Connection c, UUID taskId, String action, EntryState state, String message, JournalState end)
      throws SQLException {
    appendIn(c, taskId, action, state, null, message);
    journals.setState(c, taskId, end);
  }

  private JournalEntry appendIn(
      Connection c, UUID taskId, String action, EntryState state, JsonNode data, String message)
      throws SQLException {
    JournalState current = journals.lock(c, taskId);
    if (current != JournalState.PENDING) {
      throw new IllegalStateException("journal of task " + taskId + " is " + current);
    }
    Instant now = now();
    JournalEntry entry =
        new JournalEntry(
            taskId,
            journals.nextSeq(c, taskId),
            action,
            state,
            data,
            message,
            now,
            incarnation.id());
    journals.insertEntry(c, entry);
    if (state == EntryState.STARTED) {
      rows.markRunning(c, taskId, now);
    }
    return entry;
  }

  private void insertJournal(Connection c, UUID taskId, JournalState state) throws SQLException {
    journals.insertJournal(c, taskId, state, incarnation.id(), now());
  }

  private Instant now() {
    return clock.instant();
  }
}
