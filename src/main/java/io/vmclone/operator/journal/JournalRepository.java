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
  private final FencedWrites writes;
  private final Incarnation incarnation;
  private final Clock clock;

  public JournalRepository(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.rows = new TaskRows(jdbc);
    this.journals = new JournalRows(jdbc);
    this.writes = new FencedWrites(jdbc, epoch, incarnation, clock);
    this.incarnation = incarnation;
    this.clock = clock;
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
      insertJournal(c, id, JournalState.PENDING);
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
    insertJournal(c, id, JournalState.PENDING);
    finish(c, id, PseudoActions.REJECT, EntryState.ABORTED, message, JournalState.ABORTED);
    rows.finishTask(c, id, TaskState.ERROR, reason, message, null, now());
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
    return writes.run(c -> appendIn(c, taskId, action, state, data, message));
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
          finish(
              c,
              taskId,
              PseudoActions.COMMIT,
              EntryState.COMMITTED,
              "clone committed",
              JournalState.COMMITTED);
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
    writes.run(
        c -> {
          finish(
              c,
              taskId,
              PseudoActions.ABORT,
              EntryState.ABORTED,
              reason + ": " + message,
              JournalState.ABORTED);
          rows.finishTask(c, taskId, TaskState.ERROR, reason, message, null, now());
          EntityFlags.releaseAll(c, taskId);
          journals.setRecovering(c, taskId, null, incarnation.id());
          return null;
        });
  }

  /**
   * Restarts an interrupted workflow: in one transaction a RESTARTED entry (about the interrupted
   * action, which then starts afresh), the task's restart count up by one, and its recovery flags
   * cleared (the task runs forward again).
   */
  public void restart(UUID taskId, String action, String message) {
    writes.run(
        c -> {
          appendIn(c, taskId, action, EntryState.RESTARTED, null, message);
          rows.countRestart(c, taskId);
          EntityFlags.clearRecovery(c, taskId);
          journals.setRecovering(c, taskId, null, incarnation.id());
          return null;
        });
  }

  /** Clears the task's recovery flags without a restart: this process carries on its undo. */
  public void clearRecovery(UUID taskId) {
    writes.run(
        c -> {
          EntityFlags.clearRecovery(c, taskId);
          journals.setRecovering(c, taskId, null, incarnation.id());
          return null;
        });
  }

  /** Takes every lock or none; returns the first conflict if another task holds one. */
  public Optional<LockConflict> acquireLocks(UUID taskId, List<EntityLock> locks) {
    return writes.run(c -> EntityFlags.acquire(c, taskId, locks, now()));
  }

  /** Drops every lock the task holds. */
  public void releaseLocks(UUID taskId) {
    writes.run(
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
