package io.vmclone.operator.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The operator's journal in PostgreSQL as tests read it, and the state a crash leaves in it. */
record JournalTables(DataSource dataSource) {

  /**
   * Plays a crash of the process running the task: its journal is now last written by an
   * incarnation that no longer runs (the crash harness kills real processes; here the state a crash
   * leaves is enough).
   */
  void interrupt(String taskId) {
    update(
        "UPDATE workflow_journal SET last_incarnation = ? WHERE task_id = ?::uuid",
        UUID.randomUUID(),
        taskId);
  }

  /**
   * Plays a crash of the process running the task and the scan of the next leader: the journal is
   * last written by an incarnation that no longer runs, and marked recovering.
   */
  void interruptAndMark(String taskId) {
    update(
        "UPDATE workflow_journal SET last_incarnation = ?, recovering_since = now()"
            + " WHERE task_id = ?::uuid",
        UUID.randomUUID(),
        taskId);
  }

  /** The journal of the task as "Action STATE" lines. */
  List<String> journal(String taskId) {
    return query(
        "SELECT action || ' ' || state FROM journal_entry WHERE task_id = ?::uuid ORDER BY seq",
        taskId);
  }

  String taskState(String taskId) {
    return query(
            "SELECT state || '/' || (SELECT state FROM workflow_journal WHERE task_id = t.id)"
                + " FROM clone_task t WHERE id = ?::uuid",
            taskId)
        .get(0);
  }

  List<String> locks(String taskId) {
    return query(
        "SELECT entity_kind || ' ' || name || ' ' || mode FROM entity_flag WHERE task_id = ?::uuid",
        taskId);
  }

  List<String> query(String sql, String parameter) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, parameter);
      List<String> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(r.getString(1));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement with positional parameters. */
  void update(String statement, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
