package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
  private final Incarnation incarnation;
  private final Clock clock;

  public JournalRepository(
      DataSource dataSource, ObjectMapper mapper, Incarnation incarnation, Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.rows = new TaskRows(jdbc);
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
              new TaskJournal(task.get(), journalState(c, taskId), entries(c, taskId)));
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
    try (PreparedStatement s =
        c.prepareStatement("UPDATE workflow_journal SET state = ? WHERE task_id = ?")) {
      s.setString(1, end.name());
      s.setObject(2, taskId);
      s.executeUpdate();
    }
  }

  private JournalEntry appendIn(
      Connection c, UUID taskId, String action, EntryState state, JsonNode data, String message)
      throws SQLException {
    JournalState current = lockJournal(c, taskId);
    if (current != JournalState.PENDING) {
      throw new IllegalStateException("journal of task " + taskId + " is " + current);
    }
    int seq = nextSeq(c, taskId);
    Instant now = now();
    JournalEntry entry =
        new JournalEntry(taskId, seq, action, state, data, message, now, incarnation.id());
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO journal_entry (task_id, seq, action, state, data, message, written_at, incarnation)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
      s.setObject(1, taskId);
      s.setInt(2, seq);
      s.setString(3, action);
      s.setString(4, state.name());
      s.setString(5, jdbc.json(data));
      s.setString(6, message);
      s.setTimestamp(7, Jdbc.timestamp(now));
      s.setObject(8, incarnation.id());
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE workflow_journal SET current_action = ?, last_incarnation = ?, updated_at = ? WHERE task_id = ?")) {
      s.setString(1, action);
      s.setObject(2, incarnation.id());
      s.setTimestamp(3, Jdbc.timestamp(now));
      s.setObject(4, taskId);
      s.executeUpdate();
    }
    if (state == EntryState.STARTED) {
      rows.markRunning(c, taskId, now);
    }
    return entry;
  }

  private void insertJournal(Connection c, UUID taskId, JournalState state) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO workflow_journal (task_id, state, last_incarnation, updated_at) VALUES (?, ?, ?, ?)")) {
      s.setObject(1, taskId);
      s.setString(2, state.name());
      s.setObject(3, incarnation.id());
      s.setTimestamp(4, Jdbc.timestamp(now()));
      s.executeUpdate();
    }
  }

  private JournalState lockJournal(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT state FROM workflow_journal WHERE task_id = ? FOR UPDATE")) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no journal for task " + taskId);
        }
        return JournalState.valueOf(r.getString(1));
      }
    }
  }

  private JournalState journalState(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT state FROM workflow_journal WHERE task_id = ?")) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return JournalState.valueOf(r.getString(1));
      }
    }
  }

  private static int nextSeq(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM journal_entry WHERE task_id = ?")) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private List<JournalEntry> entries(Connection c, UUID taskId) throws SQLException {
    List<JournalEntry> result = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT seq, action, state, data::text, message, written_at, incarnation FROM journal_entry"
                + " WHERE task_id = ? ORDER BY seq")) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(
              new JournalEntry(
                  taskId,
                  r.getInt(1),
                  r.getString(2),
                  EntryState.valueOf(r.getString(3)),
                  jdbc.json(r.getString(4)),
                  r.getString(5),
                  Jdbc.instant(r.getTimestamp(6)),
                  r.getObject(7, UUID.class)));
        }
      }
    }
    return result;
  }

  private Instant now() {
    return clock.instant();
  }
}
