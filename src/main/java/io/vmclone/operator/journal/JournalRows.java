package io.vmclone.operator.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL for {@code workflow_journal} and {@code journal_entry} rows. Runs inside the caller's
 * transaction.
 */
final class JournalRows {

  private final Jdbc jdbc;

  JournalRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void insertJournal(Connection c, UUID taskId, JournalState state, UUID incarnation, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO workflow_journal (task_id, state, last_incarnation, updated_at)"
                + " VALUES (?, ?, ?, ?)")) {
      s.setObject(1, taskId);
      s.setString(2, state.name());
      s.setObject(3, incarnation);
      s.setTimestamp(4, Jdbc.timestamp(now));
      s.executeUpdate();
    }
  }

  /** The task's journal: its header row and every entry. */
  TaskJournal journal(Connection c, TaskRecord task) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT state, last_incarnation, recovering_since FROM workflow_journal"
                + " WHERE task_id = ?")) {
      s.setObject(1, task.id());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no journal for task " + task.id());
        }
        return new TaskJournal(
            task,
            JournalState.valueOf(r.getString(1)),
            entries(c, task.id()),
            r.getObject(2, UUID.class),
            Jdbc.instant(r.getTimestamp(3)));
      }
    }
  }

  /** The journal's state, with its row locked until the transaction ends. */
  JournalState lock(Connection c, UUID taskId) throws SQLException {
    return state(c, taskId, " FOR UPDATE");
  }

  void setState(Connection c, UUID taskId, JournalState state) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE workflow_journal SET state = ? WHERE task_id = ?")) {
      s.setString(1, state.name());
      s.setObject(2, taskId);
      s.executeUpdate();
    }
  }

  /** Sets or clears the recovery mark; the writer becomes the journal's last incarnation. */
  void setRecovering(Connection c, UUID taskId, Instant since, UUID writer) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE workflow_journal SET recovering_since = ?, last_incarnation = ?"
                + " WHERE task_id = ?")) {
      s.setTimestamp(1, Jdbc.timestamp(since));
      s.setObject(2, writer);
      s.setObject(3, taskId);
      s.executeUpdate();
    }
  }

  /** Inserts the entry with the next sequence number and records who wrote it last. */
  void insertEntry(Connection c, JournalEntry entry) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO journal_entry (task_id, seq, action, state, data, message, written_at,"
                + " incarnation) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
      s.setObject(1, entry.taskId());
      s.setInt(2, entry.seq());
      s.setString(3, entry.action());
      s.setString(4, entry.state().name());
      s.setString(5, jdbc.json(entry.data()));
      s.setString(6, entry.message());
      s.setTimestamp(7, Jdbc.timestamp(entry.writtenAt()));
      s.setObject(8, entry.incarnation());
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE workflow_journal SET current_action = ?, last_incarnation = ?, updated_at = ?"
                + " WHERE task_id = ?")) {
      s.setString(1, entry.action());
      s.setObject(2, entry.incarnation());
      s.setTimestamp(3, Jdbc.timestamp(entry.writtenAt()));
      s.setObject(4, entry.taskId());
      s.executeUpdate();
    }
  }

  int nextSeq(Connection c, UUID taskId) throws SQLException {
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

  List<JournalEntry> entries(Connection c, UUID taskId) throws SQLException {
    List<JournalEntry> result = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT seq, action, state, data::text, message, written_at, incarnation"
                + " FROM journal_entry WHERE task_id = ? ORDER BY seq")) {
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

  private static JournalState state(Connection c, UUID taskId, String lock) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT state FROM workflow_journal WHERE task_id = ?" + lock)) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no journal for task " + taskId);
        }
        return JournalState.valueOf(r.getString(1));
      }
    }
  }
}
