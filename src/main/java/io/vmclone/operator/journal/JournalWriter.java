package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The journal writes made inside a caller's fenced transaction, where the journal's invariants are
 * kept (see {@link JournalRepository}): entries numbered without gaps, none written to a finished
 * journal, each one recording this process's {@link Incarnation}.
 */
final class JournalWriter {

  private final TaskRows rows;
  private final JournalRows journals;
  private final Incarnation incarnation;
  private final Clock clock;

  JournalWriter(TaskRows rows, JournalRows journals, Incarnation incarnation, Clock clock) {
    this.rows = rows;
    this.journals = journals;
    this.incarnation = incarnation;
    this.clock = clock;
  }

  /**
   * Appends an entry to the task's PENDING journal; the first STARTED entry moves the task from
   * QUEUED to RUNNING.
   *
   * @throws IllegalStateException if the journal is already finished
   */
  JournalEntry append(
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

  /** Appends the final entry and sets the journal's end state. */
  void finish(
      Connection c, UUID taskId, String action, EntryState state, String message, JournalState end)
      throws SQLException {
    append(c, taskId, action, state, null, message);
    journals.setState(c, taskId, end);
  }

  void insertJournal(Connection c, UUID taskId, JournalState state) throws SQLException {
    journals.insertJournal(c, taskId, state, incarnation.id(), now());
  }

  /** Marks the task as no longer recovering, written by this process. */
  void clearRecovering(Connection c, UUID taskId) throws SQLException {
    journals.setRecovering(c, taskId, null, incarnation.id());
  }

  Instant now() {
    return clock.instant();
  }
}
