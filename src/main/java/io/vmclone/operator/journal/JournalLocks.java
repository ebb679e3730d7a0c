package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The entity locks clone tasks hold in the journal database, so that no two tasks work on one
 * entity in conflicting modes. Taking and dropping locks are fenced writes like every journal
 * write; a task's locks are also dropped when its journal is committed or aborted ({@link
 * JournalRepository}).
 */
@ApplicationScoped
public class JournalLocks {

  private final Jdbc jdbc;
  private final FencedWrites writes;
  private final Clock clock;

  public JournalLocks(
      DataSource dataSource,
      ObjectMapper mapper,
      Incarnation incarnation,
      LeaderEpoch epoch,
      Clock clock) {
    this.jdbc = new Jdbc(dataSource, mapper);
    this.writes = new FencedWrites(jdbc, epoch, incarnation, clock);
    this.clock = clock;
  }

  /** Takes every lock or none; returns the first conflict if another task holds one. */
  public Optional<LockConflict> acquire(UUID taskId, List<EntityLock> locks) {
    return writes.run(c -> EntityFlags.acquire(c, taskId, locks, clock.instant()));
  }

  /** Drops every lock the task holds. */
  public void releaseAll(UUID taskId) {
    writes.run(
        c -> {
          EntityFlags.releaseAll(c, taskId);
          return null;
        });
  }

  /** The locks the task holds. */
  public List<EntityLock> heldBy(UUID taskId) {
    return jdbc.inTransaction(c -> EntityFlags.of(c, taskId));
  }
}
