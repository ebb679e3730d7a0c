package io.vmclone.operator.journal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL for {@code entity_flag} rows: the locks tasks hold on objects. Runs inside the caller's
 * transaction. Two tasks racing for the same object serialise on a transaction-scoped advisory lock
 * per object, taken in a fixed order so that they cannot deadlock.
 */
final class EntityFlags {

  private EntityFlags() {}

  static Optional<LockConflict> acquire(
      Connection c, UUID taskId, List<EntityLock> locks, Instant now) throws SQLException {
    List<EntityLock> ordered = new ArrayList<>(locks);
    ordered.sort(Comparator.comparing(EntityLock::toString));
    for (EntityLock lock : ordered) {
      serialise(c, lock);
      Optional<LockConflict> conflict = conflict(c, taskId, lock);
      if (conflict.isPresent()) {
        c.rollback();
        return conflict;
      }
    }
    for (EntityLock lock : ordered) {
      insert(c, taskId, lock, now);
    }
    return Optional.empty();
  }

  static void releaseAll(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM entity_flag WHERE task_id = ?")) {
      s.setObject(1, taskId);
      s.executeUpdate();
    }
  }

  static void clearRecovery(Connection c, UUID taskId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("UPDATE entity_flag SET in_recovery = false WHERE task_id = ?")) {
      s.setObject(1, taskId);
      s.executeUpdate();
    }
  }

  /**
   * Flags the tasks' entities in recovery, in two statements however many tasks: a task that holds
   * none gets a shared row for the source its spec names, read in SQL as {@link RequestedSource}
   * reads it (kind VirtualMachine when the spec names none, the clone's namespace when the spec
   * names none or an empty one, an empty name when it names none).
   */
  static void flagRecovery(Connection c, List<UUID> taskIds, Instant now) throws SQLException {
    if (taskIds.isEmpty()) {
      return;
    }
    Array ids = c.createArrayOf("uuid", taskIds.toArray());
    try (PreparedStatement s =
        c.prepareStatement("UPDATE entity_flag SET in_recovery = true WHERE task_id = ANY (?)")) {
      s.setArray(1, ids);
      s.executeUpdate();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO entity_flag (entity_kind, namespace, name, task_id, mode, entity_uid,"
                + " in_recovery, flagged_at)"
                + " SELECT COALESCE(t.requested_spec -> 'source' ->> 'kind', 'VirtualMachine'),"
                + " COALESCE(NULLIF(t.requested_spec -> 'source' ->> 'namespace', ''),"
                + " t.clone_namespace),"
                + " COALESCE(t.requested_spec -> 'source' ->> 'name', ''),"
                + " t.id, 'SHARED', NULL, true, ?"
                + " FROM clone_task t WHERE t.id = ANY (?)"
                + " AND NOT EXISTS (SELECT 1 FROM entity_flag f WHERE f.task_id = t.id)"
                + " ON CONFLICT DO NOTHING")) {
      s.setTimestamp(1, Jdbc.timestamp(now));
      s.setArray(2, ids);
      s.executeUpdate();
    }
  }

  /** The first of the entities another task has in recovery, with that task. */
  static Optional<LockConflict> inRecovery(Connection c, UUID taskId, List<EntityLock> entities)
      throws SQLException {
    for (EntityLock entity : entities) {
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT task_id, mode FROM entity_flag WHERE entity_kind = ? AND namespace = ?"
                  + " AND name = ? AND task_id <> ? AND in_recovery LIMIT 1")) {
        s.setString(1, entity.kind());
        s.setString(2, entity.namespace());
        s.setString(3, entity.name());
        s.setObject(4, taskId);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            return Optional.of(
                new LockConflict(
                    entity, r.getObject(1, UUID.class), EntityLock.Mode.valueOf(r.getString(2))));
          }
        }
      }
    }
    return Optional.empty();
  }

  static List<EntityLock> of(Connection c, UUID taskId) throws SQLException {
    List<EntityLock> result = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT entity_kind, namespace, name, mode, entity_uid FROM entity_flag WHERE task_id = ?"
                + " ORDER BY entity_kind, namespace, name")) {
      s.setObject(1, taskId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          result.add(
              new EntityLock(
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  EntityLock.Mode.valueOf(r.getString(4)),
                  r.getString(5)));
        }
      }
    }
    return result;
  }

  private static void serialise(Connection c, EntityLock lock) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      s.setString(1, lock.toString());
      s.executeQuery().close();
    }
  }

  private static Optional<LockConflict> conflict(Connection c, UUID taskId, EntityLock lock)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT task_id, mode FROM entity_flag WHERE entity_kind = ? AND namespace = ? AND name = ?"
                + " AND task_id <> ?")) {
      s.setString(1, lock.kind());
      s.setString(2, lock.namespace());
      s.setString(3, lock.name());
      s.setObject(4, taskId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          EntityLock.Mode held = EntityLock.Mode.valueOf(r.getString(2));
          if (lock.mode().conflictsWith(held)) {
            return Optional.of(new LockConflict(lock, r.getObject(1, UUID.class), held));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void insert(Connection c, UUID taskId, EntityLock lock, Instant now)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO entity_flag (entity_kind, namespace, name, task_id, mode, entity_uid, flagged_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, lock.kind());
      s.setString(2, lock.namespace());
      s.setString(3, lock.name());
      s.setObject(4, taskId);
      s.setString(5, lock.mode().name());
      s.setString(6, lock.uid());
      s.setTimestamp(7, Jdbc.timestamp(now));
      s.executeUpdate();
    }
  }
}
