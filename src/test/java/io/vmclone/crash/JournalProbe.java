package io.vmclone.crash;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reads the journal in PostgreSQL as the operators left it: tasks, entries, entity flags. */
public final class JournalProbe {

  /** A clone_task row joined with its workflow_journal row. */
  public record TaskRow(
      UUID id,
      String state,
      int restarts,
      int maxRestarts,
      String errorReason,
      String journalState,
      boolean recovering) {}

  /** A journal_entry row. */
  public record EntryRow(
      int seq, String action, String state, UUID incarnation, Instant writtenAt) {}

  private interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final CaseDatabase database;

  public JournalProbe(CaseDatabase database) {
    this.database = database;
  }

  public Optional<TaskRow> task(String cloneUid) {
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

  public List<EntryRow> entries(UUID taskId) {
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
  public List<String> flags(UUID taskId) {
    return query(
        "SELECT entity_kind || ' ' || namespace || '/' || name || ' ' || mode"
            + " || CASE WHEN in_recovery THEN ' in recovery' ELSE '' END"
            + " FROM entity_flag WHERE task_id = ?",
        row -> row.getString(1),
        taskId);
  }

  /** How many entries the incarnation wrote, over every task. */
  public long entriesBy(UUID incarnation) {
    return query(
            "SELECT count(*) FROM journal_entry WHERE incarnation = ?",
            row -> row.getLong(1),
            incarnation)
        .get(0);
  }

  /** The incarnations that wrote entries, over every task. */
  public List<UUID> incarnations() {
    return query(
        "SELECT DISTINCT incarnation FROM journal_entry", row -> row.getObject(1, UUID.class));
  }

  /**
   * Where a task stood.
   *
   * @param journalState PENDING, COMMITTED or ABORTED
   * @param recovering whether a leader marked it recovering
   * @param failed whether it has a FAILED entry (its undo runs)
   * @param lastEntry its last entry as "Action STATE", or "" for none
   */
  public record Standing(
      String journalState, boolean recovering, boolean failed, String lastEntry) {}

  /**
   * Where each clone's task stands, by clone UID (clones without a task are missing), and who holds
   * the leadership epoch, read in one snapshot of the database, so that it is quick and consistent
   * even for hundreds of clones.
   */
  public Snapshot snapshot(List<CloneRef> clones) {
    String sql =
        "SELECT t.clone_uid, j.state, j.recovering_since IS NOT NULL,"
            + " EXISTS (SELECT 1 FROM journal_entry e WHERE e.task_id = t.id"
            + " AND e.state = 'FAILED'),"
            + " (SELECT e.action || ' ' || e.state FROM journal_entry e WHERE e.task_id = t.id"
            + " ORDER BY e.seq DESC LIMIT 1)"
            + " FROM clone_task t JOIN workflow_journal j ON j.task_id = t.id"
            + " WHERE t.clone_uid = ANY(?)";
    try (Connection c = database.connect()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setAutoCommit(false);
      Map<String, Standing> standings = new HashMap<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setArray(1, c.createArrayOf("text", uids(clones).uids().toArray()));
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String last = r.getString(5);
            standings.put(
                r.getString(1),
                new Standing(
                    r.getString(2), r.getBoolean(3), r.getBoolean(4), last == null ? "" : last));
          }
        }
      }
      String holder = null;
      try (PreparedStatement s = c.prepareStatement("SELECT holder FROM leadership WHERE id = 1");
          ResultSet r = s.executeQuery()) {
        if (r.next()) {
          holder = r.getString(1);
        }
      }
      c.commit();
      return new Snapshot(standings, holder);
    } catch (SQLException e) {
      throw new HarnessFailure("journal snapshot failed: " + e.getMessage(), e);
    }
  }

  /** Where the tasks stood (by clone UID) and who held the leadership epoch at that moment. */
  public record Snapshot(Map<String, Standing> standings, String epochHolder) {}

  /** How many of the clones are in the middle of the action: STARTED and not DONE. */
  public long inAction(List<CloneRef> clones, String action) {
    return query(
            "SELECT count(*) FROM clone_task t WHERE t.clone_uid = ANY(?)"
                + " AND EXISTS (SELECT 1 FROM journal_entry e WHERE e.task_id = t.id"
                + " AND e.action = ? AND e.state = 'STARTED')"
                + " AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.task_id = t.id"
                + " AND e.action = ? AND e.state = 'DONE')",
            row -> row.getLong(1),
            uids(clones),
            action,
            action)
        .get(0);
  }

  /** When the clone's first journal entry was written, if it was. */
  public Optional<Instant> firstEntry(CloneRef clone) {
    return query(
            "SELECT min(e.written_at) FROM clone_task t JOIN journal_entry e ON e.task_id = t.id"
                + " WHERE t.clone_uid = ?",
            row -> row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant(),
            clone.uid())
        .stream()
        .filter(time -> time != null)
        .findFirst();
  }

  /**
   * How many of the clones have an entry in the given state, and when the last of those entries was
   * written (null when none has).
   */
  public Tally tally(List<CloneRef> clones, String state) {
    return query(
            "SELECT count(DISTINCT t.id), max(e.written_at) FROM clone_task t"
                + " JOIN journal_entry e ON e.task_id = t.id"
                + " WHERE t.clone_uid = ANY(?) AND e.state = ?",
            row ->
                new Tally(
                    row.getLong(1),
                    row.getTimestamp(2) == null ? null : row.getTimestamp(2).toInstant()),
            uids(clones),
            state)
        .get(0);
  }

  /** A count of tasks and the time of the latest entry counted. */
  public record Tally(long tasks, Instant latest) {}

  /** Who took the current leadership epoch, if anyone did. */
  public Optional<String> epochHolder() {
    return query("SELECT holder FROM leadership WHERE id = 1", row -> row.getString(1)).stream()
        .filter(holder -> holder != null)
        .findFirst();
  }

  private record UidList(List<String> uids) {}

  private static UidList uids(List<CloneRef> clones) {
    return new UidList(clones.stream().map(CloneRef::uid).toList());
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection c = database.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof UidList list) {
          s.setArray(i + 1, c.createArrayOf("text", list.uids().toArray()));
        } else {
          s.setObject(i + 1, parameters[i]);
        }
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
