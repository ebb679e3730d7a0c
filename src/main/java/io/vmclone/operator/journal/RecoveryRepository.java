package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What a new leader needs from the journal to recover interrupted tasks: finding and marking them
 * (with their entities flagged in recovery), telling a clone that an entity it needs is in
 * recovery, and handing this process's tasks over on a clean shutdown.
 */
@ApplicationScoped
public class RecoveryRepository {

  private final Jdbc jdbc;
  private final TaskRows rows;
  private final FencedWrites writes;
  private final Incarnation incarnation;
  private final Clock clock;

  public RecoveryRepository(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.rows = new TaskRows(jdbc);
    this.writes = new FencedWrites(jdbc, epoch, incarnation, clock);
    this.incarnation = incarnation;
    this.clock = clock;
  }

  /**
   * Marks every unfinished task that another incarnation wrote last (and did not hand over) as
   * recovering, and flags its entities in recovery, in one transaction of four statements however
   * many tasks: the marking (skipping journals another transaction holds), the two of {@link
   * EntityFlags#flagRecovery} and the read of the tasks.
   *
   * @return the tasks marked now, least recently written first
   */
  public List<TaskRecord> markInterrupted() {
    return writes.run(
        c -> {
          List<UUID> marked = markAllInterrupted(c, clock.instant());
          return marked.isEmpty() ? List.of() : rows.findAll(c, marked);
        });
  }

  /** Marks one task as recovering if it is not already; whether it was marked now. */
  public boolean markInterrupted(UUID taskId) {
    return writes.run(
        c -> {
          Instant now = clock.instant();
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE workflow_journal SET recovering_since = ? WHERE task_id = ?"
                      + " AND state = 'PENDING' AND recovering_since IS NULL")) {
            s.setTimestamp(1, Jdbc.timestamp(now));
            s.setObject(2, taskId);
            if (s.executeUpdate() == 0) {
              return false;
            }
          }
          EntityFlags.flagRecovery(c, List.of(taskId), now);
          return true;
        });
  }

  /**
   * Every unfinished task marked recovering, whoever marked it, with the source its spec names:
   * what the in-recovery annotations should say. Only the spec's {@code source} is read (a spec can
   * be large).
   */
  public List<RecoveringTask> recovering() {
    return jdbc.inTransaction(
        c -> {
          List<RecoveringTask> tasks = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT t.id, t.clone_uid, t.clone_namespace, (t.requested_spec -> 'source')::text"
                      + " FROM workflow_journal j JOIN clone_task t ON t.id = j.task_id"
                      + " WHERE j.state = 'PENDING' AND j.recovering_since IS NOT NULL"
                      + " ORDER BY j.recovering_since, t.id")) {
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                tasks.add(
                    new RecoveringTask(
                        r.getObject(1, UUID.class),
                        r.getString(2),
                        RequestedSource.of(jdbc.json(r.getString(4)), r.getString(3))));
              }
            }
          }
          return tasks;
        });
  }

  /** Which of these tasks are still unfinished and recovering, in one query. */
  public Set<UUID> stillRecovering(Collection<UUID> taskIds) {
    if (taskIds.isEmpty()) {
      return Set.of();
    }
    return jdbc.inTransaction(
        c -> {
          Set<UUID> recovering = new HashSet<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT task_id FROM workflow_journal WHERE task_id = ANY (?)"
                      + " AND state = 'PENDING' AND recovering_since IS NOT NULL")) {
            s.setArray(1, c.createArrayOf("uuid", taskIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                recovering.add(r.getObject(1, UUID.class));
              }
            }
          }
          return recovering;
        });
  }

  /** The unfinished tasks a process handed over on a clean shutdown. */
  public List<TaskRecord> handedOver() {
    return jdbc.inTransaction(
        c -> {
          List<TaskRecord> tasks = new ArrayList<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT task_id FROM workflow_journal WHERE state = 'PENDING'"
                      + " AND last_incarnation = ?")) {
            s.setObject(1, Incarnation.HANDED_OVER);
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                rows.findById(c, r.getObject(1, UUID.class)).ifPresent(tasks::add);
              }
            }
          }
          return tasks;
        });
  }

  /**
   * Unfinished tasks whose journal nobody wrote for {@code idleFor}, longest idle first: the
   * candidates for closing when their clone is gone. Only ids and clone UIDs are read (a task's
   * spec can be large), so all of them fit: their number is bounded by the active clones.
   *
   * @return the clone UID of each task id
   */
  public Map<UUID, String> idleUnfinished(Duration idleFor) {
    Instant cutoff = clock.instant().minus(idleFor);
    return jdbc.inTransaction(
        c -> {
          Map<UUID, String> tasks = new LinkedHashMap<>();
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT j.task_id, t.clone_uid FROM workflow_journal j JOIN clone_task t"
                      + " ON t.id = j.task_id WHERE j.state = 'PENDING' AND j.updated_at < ?"
                      + " ORDER BY j.updated_at")) {
            s.setTimestamp(1, Jdbc.timestamp(cutoff));
            try (ResultSet r = s.executeQuery()) {
              while (r.next()) {
                tasks.put(r.getObject(1, UUID.class), r.getString(2));
              }
            }
          }
          return tasks;
        });
  }

  /** The first of the entities another task has in recovery. */
  public Optional<LockConflict> inRecovery(UUID taskId, List<EntityLock> entities) {
    return jdbc.inTransaction(c -> EntityFlags.inRecovery(c, taskId, entities));
  }

  /**
   * Hands this process's unfinished tasks over to the next leader: they are not interrupted, so it
   * continues them without counting a restart. Call only once no action of this process runs.
   *
   * @return how many tasks were handed over
   */
  public int handOver() {
    return writes.run(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE workflow_journal SET last_incarnation = ? WHERE state = 'PENDING'"
                      + " AND last_incarnation = ? AND recovering_since IS NULL")) {
            s.setObject(1, Incarnation.HANDED_OVER);
            s.setObject(2, incarnation.id());
            return s.executeUpdate();
          }
        });
  }

  /**
   * Marks the interrupted tasks and flags their entities; their ids, least recently written first.
   */
  private List<UUID> markAllInterrupted(Connection c, Instant now) throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "WITH marked AS (UPDATE workflow_journal SET recovering_since = ?"
                + " WHERE task_id IN (SELECT task_id FROM workflow_journal WHERE state = 'PENDING'"
                + " AND recovering_since IS NULL AND last_incarnation NOT IN (?, ?)"
                + " ORDER BY updated_at FOR UPDATE SKIP LOCKED)"
                + " AND state = 'PENDING' AND recovering_since IS NULL"
                + " RETURNING task_id, updated_at)"
                + " SELECT task_id FROM marked ORDER BY updated_at, task_id")) {
      s.setTimestamp(1, Jdbc.timestamp(now));
      s.setObject(2, incarnation.id());
      s.setObject(3, Incarnation.HANDED_OVER);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getObject(1, UUID.class));
        }
      }
    }
    EntityFlags.flagRecovery(c, ids, now);
    return ids;
  }
}
