package io.vmclone.crash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the journal in PostgreSQL as the operators left it: tasks, entries, entity flags. */
final class JournalProbe {

  /** A clone_task row joined with its workflow_journal row. */
  record TaskRow(
      UUID id,
      String state,
      int restarts,
      int maxRestarts,
      String errorReason,
      String journalState,
      boolean recovering) {}

  /** A journal_entry row. */
  record EntryRow(int seq, String action, String state, UUID incarnation, Instant writtenAt) {}

  private interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final CaseDatabase database;

  JournalProbe(CaseDatabase database) {
    this.database = database;
  }

  Optional<TaskRow> task(String cloneUid) {
    return query(
            "SELECT t.id, t.state, t.restarts, t.max_restarts, t.error_reason, j.state,"
                + " j.recovering_since IS NOT NULL FROM clone_task t"
                + " JOIN workflow_journal j ON j.task_id = t.id WHERE t.clone_uid = ?",
            row ->
                new TaskRow(
                    row.getObject(1, UUID.class),
                    row.getString(2),
                    row.getInt(3),
                    row.getInt(4),
                    row.getString(5),
                    row.getString(6),
                    row.getBoolean(7)),
            cloneUid)
        .stream()
        .findFirst();
  }

  List<EntryRow> entries(UUID taskId) {
    return query(
        "SELECT seq, action, state, incarnation, written_at FROM journal_entry"
            + " WHERE task_id = ? ORDER BY seq",
        row ->
            new EntryRow(
                row.getInt(1),
                row.getString(2),
                row.getString(3),
                row.getObject(4, UUID.class),
                row.getTimestamp(5).toInstant()),
        taskId);
  }

  /** The task's entity_flag rows, as "kind namespace/name MODE [in recovery]". */
  List<String> flags(UUID taskId) {
    return query(
        "SELECT entity_kind || ' ' || namespace || '/' || name || ' ' || mode"
            + " || CASE WHEN in_recovery THEN ' in recovery' ELSE '' END"
            + " FROM entity_flag WHERE task_id = ?",
        row -> row.getString(1),
        taskId);
  }

  /** How many entries the incarnation wrote, over every task. */
  long entriesBy(UUID incarnation) {
    return query(
            "SELECT count(*) FROM journal_entry WHERE incarnation = ?",
            row -> row.getLong(1),
            incarnation)
        .get(0);
  }

  /** The incarnations that wrote entries, over every task. */
  List<UUID> incarnations() {
    return query(
        "SELECT DISTINCT incarnation FROM journal_entry", row -> row.getObject(1, UUID.class));
  }

  /** Who took the current leadership epoch, if anyone did. */
  Optional<String> epochHolder() {
    return query("SELECT holder FROM leadership WHERE id = 1", row -> row.getString(1)).stream()
        .filter(holder -> holder != null)
        .findFirst();
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(mapper.map(r));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new HarnessFailure("journal query failed: " + e.getMessage(), e);
    }
  }
}
