package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
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

/** SQL for {@code clone_task} rows. Runs inside the caller's transaction. */
final class TaskRows {

  private static final String COLUMNS =
      "id, clone_namespace, clone_name, clone_uid, state, progress, error_reason, error_message,"
          + " queued_at, started_at, completed_at, deadline, max_restarts, restarts,"
          + " requested_spec::text, result::text, requester::text";

  private final Jdbc jdbc;

  TaskRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts the task unless one exists for the clone UID; whether it inserted. */
  boolean insertTask(Connection c, UUID id, NewTask task, TaskState state) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO clone_task (id, clone_namespace, clone_name, clone_uid, state, queued_at,"
                + " deadline, max_restarts, requested_spec, requester)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)"
                + " ON CONFLICT (clone_uid) DO NOTHING")) {
      s.setObject(1, id);
      s.setString(2, task.cloneNamespace());
      s.setString(3, task.cloneName());
      s.setString(4, task.cloneUid());
      s.setString(5, state.name());
      s.setTimestamp(6, Jdbc.timestamp(task.queuedAt()));
      s.setTimestamp(7, Jdbc.timestamp(task.deadline()));
      s.setInt(8, task.maxRestarts());
      s.setString(9, jdbc.json(task.requestedSpec()));
      s.setString(10, jdbc.json(task.requester()));
      return s.executeUpdate() == 1;
    }
  }

  void markRunning(Connection c, UUID id, Instant now) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE clone_task SET state = 'RUNNING', started_at = ? WHERE id = ? AND state = 'QUEUED'")) {
      s.setTimestamp(1, Jdbc.timestamp(now));
      s.setObject(2, id);
      s.executeUpdate();
    }
  }

  void countRestart(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE clone_task SET restarts = restarts + 1 WHERE id = ?")) {
      s.setObject(1, id);
      s.executeUpdate();
    }
  }

  void finishTask(
      Connection c,
      UUID id,
      TaskState state,
      String reason,
      String message,
      JsonNode result,
      Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE clone_task SET state = ?, error_reason = ?, error_message = ?, result = ?::jsonb,"
                + " completed_at = ?, progress = CASE WHEN ? = 'SUCCESS' THEN 100 ELSE progress END"
                + " WHERE id = ?")) {
      s.setString(1, state.name());
      s.setString(2, reason);
      s.setString(3, message);
      s.setString(4, jdbc.json(result));
      s.setTimestamp(5, Jdbc.timestamp(now));
      s.setString(6, state.name());
      s.setObject(7, id);
      s.executeUpdate();
    }
  }

  /**
   * The tasks of the namespace that are queued or running. Holds a transaction-scoped lock on the
   * namespace first, so that two tasks opened at once cannot both see room for one more.
   */
  int lockAndCountActive(Connection c, String namespace) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('vmclone-active:' || ?))")) {
      s.setString(1, namespace);
      s.executeQuery().close();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT count(*) FROM clone_task WHERE clone_namespace = ?"
                + " AND state IN ('QUEUED', 'RUNNING')")) {
      s.setString(1, namespace);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  Optional<TaskRecord> findByCloneUid(Connection c, String cloneUid) throws SQLException {
    return findOne(c, "clone_uid = ?", cloneUid);
  }

  Optional<TaskRecord> findById(Connection c, UUID id) throws SQLException {
    return findOne(c, "id = ?", id);
  }

  /** The tasks of these ids that exist, in the order of the ids, in one query. */
  List<TaskRecord> findAll(Connection c, List<UUID> ids) throws SQLException {
    Map<UUID, TaskRecord> found = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM clone_task WHERE id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          TaskRecord task = map(r);
          found.put(task.id(), task);
        }
      }
    }
    List<TaskRecord> tasks = new ArrayList<>();
    for (UUID id : ids) {
      if (found.containsKey(id)) {
        tasks.add(found.get(id));
      }
    }
    return tasks;
  }

  private Optional<TaskRecord> findOne(Connection c, String where, Object key) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT " + COLUMNS + " FROM clone_task WHERE " + where)) {
      s.setObject(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(map(r)) : Optional.empty();
      }
    }
  }

  private TaskRecord map(ResultSet r) throws SQLException {
    return new TaskRecord(
        r.getObject(1, UUID.class),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        TaskState.valueOf(r.getString(5)),
        r.getInt(6),
        r.getString(7),
        r.getString(8),
        Jdbc.instant(r.getTimestamp(9)),
        Jdbc.instant(r.getTimestamp(10)),
        Jdbc.instant(r.getTimestamp(11)),
        Jdbc.instant(r.getTimestamp(12)),
        r.getInt(13),
        r.getInt(14),
        jdbc.json(r.getString(15)),
        jdbc.json(r.getString(16)),
        jdbc.json(r.getString(17)));
  }
}
