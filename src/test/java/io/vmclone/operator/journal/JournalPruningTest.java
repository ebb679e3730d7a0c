package io.vmclone.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JournalPruningTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final DataSource dataSource = TestDatabase.migratedDataSource("pruning");
  private final Incarnation incarnation = new Incarnation();
  private final LeaderEpoch epoch = Leaders.leading("pruner");

  @Test
  void deletesOnlyTasksThatFinishedBeforeTheRetentionWithTheirJournals() {
    UUID oldSuccess = finished(NOW.minus(Duration.ofDays(40)), true);
    UUID oldFailure = finished(NOW.minus(Duration.ofDays(31)), false);
    UUID recent = finished(NOW.minus(Duration.ofDays(2)), true);
    UUID running = repository(NOW.minus(Duration.ofDays(60))).openTask(newTask()).id();

    int deleted =
        new JournalPruning(dataSource, MAPPER, incarnation, epoch, clock(NOW))
            .prune(Duration.ofDays(30));

    assertThat(deleted).isEqualTo(2);
    JournalRepository journal = repository(NOW);
    assertThat(journal.load(oldSuccess)).isEmpty();
    assertThat(journal.load(oldFailure)).isEmpty();
    assertThat(journal.load(recent)).isPresent();
    assertThat(journal.load(running)).isPresent();
  }

  @Test
  void eachPrunedTaskLeavesATombstoneOfItsCloneThatTheJournalFinds() {
    UUID old = finished(NOW.minus(Duration.ofDays(40)), true);
    TaskRecord task = repository(NOW).load(old).orElseThrow().task();
    UUID recent = finished(NOW.minus(Duration.ofDays(2)), true);
    String recentClone = repository(NOW).load(recent).orElseThrow().task().cloneUid();

    pruning(NOW).prune(Duration.ofDays(30));

    Tombstone tombstone = repository(NOW).findTombstone(task.cloneUid()).orElseThrow();
    assertThat(tombstone.taskId()).isEqualTo(old);
    assertThat(tombstone.taskState()).isEqualTo(TaskState.SUCCESS);
    assertThat(tombstone.completedAt()).isEqualTo(task.completedAt());
    assertThat(tombstone.prunedAt()).isEqualTo(NOW);
    assertThat(repository(NOW).findTombstone(recentClone)).isEmpty();
  }

  @Test
  void tombstonesGoAfterTheirOwnRetentionAndNotBefore() {
    String oldClone = prunedAt(NOW.minus(Duration.ofDays(400)));
    String youngClone = prunedAt(NOW.minus(Duration.ofDays(100)));

    int deleted = pruning(NOW).pruneTombstones(Duration.ofDays(365));

    assertThat(deleted).isEqualTo(1);
    assertThat(repository(NOW).findTombstone(oldClone)).isEmpty();
    assertThat(repository(NOW).findTombstone(youngClone)).isPresent();
  }

  @Test
  void aSecondPruneOfTheSameCloneKeepsTheFirstTasksTombstoneWithANewTime() {
    UUID first = finished(NOW.minus(Duration.ofDays(80)), true);
    String clone = repository(NOW).load(first).orElseThrow().task().cloneUid();
    pruning(NOW.minus(Duration.ofDays(40))).prune(Duration.ofDays(30));
    JournalRepository later = repository(NOW.minus(Duration.ofDays(35)));
    later.openRejectedTask(newTask(clone), "TaskPruned", "ran before");

    pruning(NOW).prune(Duration.ofDays(30));

    Tombstone tombstone = repository(NOW).findTombstone(clone).orElseThrow();
    assertThat(tombstone.taskId()).isEqualTo(first);
    assertThat(tombstone.taskState()).isEqualTo(TaskState.SUCCESS);
    assertThat(tombstone.prunedAt()).isEqualTo(NOW);
  }

  private String prunedAt(Instant at) {
    UUID id = finished(at.minus(Duration.ofDays(31)), false);
    String clone = repository(at).load(id).orElseThrow().task().cloneUid();
    pruning(at).prune(Duration.ofDays(30));
    return clone;
  }

  private JournalPruning pruning(Instant at) {
    return new JournalPruning(dataSource, MAPPER, incarnation, epoch, clock(at));
  }

  private UUID finished(Instant at, boolean success) {
    JournalRepository journal = repository(at);
    UUID id = journal.openTask(newTask()).id();
    journal.append(id, "Redoable", EntryState.STARTED, null, null);
    if (success) {
      journal.commit(id, null);
    } else {
      journal.abort(id, "CopyFailed", "disk broke");
    }
    return id;
  }

  private JournalRepository repository(Instant at) {
    return new JournalRepository(dataSource, MAPPER, incarnation, epoch, clock(at));
  }

  private static Clock clock(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  private static NewTask newTask() {
    return newTask(UUID.randomUUID().toString());
  }

  private static NewTask newTask(String cloneUid) {
    return new NewTask(
        "default", "c", cloneUid, NOW, NOW.plusSeconds(3600), 3, MAPPER.createObjectNode());
  }
}
