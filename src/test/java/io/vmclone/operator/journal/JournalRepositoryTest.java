package io.vmclone.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JournalRepositoryTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static DataSource dataSource;
  private static JournalRepository repository;
  private static JournalLocks locks;

  @BeforeAll
  static void database() {
    dataSource = TestDatabase.migratedDataSource("journal");
    Incarnation incarnation = new Incarnation();
    LeaderEpoch epoch = Leaders.leading("test");
    repository = new JournalRepository(dataSource, MAPPER, incarnation, epoch, Clock.systemUTC());
    locks = new JournalLocks(dataSource, MAPPER, incarnation, epoch, Clock.systemUTC());
  }

  @Test
  void openingTwiceForOneCloneGivesTheSameTask() {
    NewTask task = newTask();
    TaskRecord first = repository.openTask(task);
    TaskRecord second = repository.openTask(task);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(first.state()).isEqualTo(TaskState.QUEUED);
    assertThat(first.requestedSpec().get("runStrategy").asText()).isEqualTo("Halted");
  }

  @Test
  void entriesAreNumberedWithoutGapsAndTheFirstStartRunsTheTask() {
    UUID id = repository.openTask(newTask()).id();
    repository.append(id, "Redoable", EntryState.STARTED, null, null);
    repository.append(id, "Redoable", EntryState.DONE, MAPPER.createObjectNode().put("k", 1), "ok");
    repository.append(id, "FlagEntities", EntryState.STARTED, null, null);

    TaskJournal journal = repository.load(id).orElseThrow();
    assertThat(journal.entries()).extracting(JournalEntry::seq).containsExactly(1, 2, 3);
    assertThat(journal.task().state()).isEqualTo(TaskState.RUNNING);
    assertThat(journal.task().startedAt()).isNotNull();
    assertThat(
            journal.lastEntryOf("Redoable", EntryState.DONE).orElseThrow().data().get("k").asInt())
        .isEqualTo(1);
    assertThat(journal.entries()).allMatch(e -> e.incarnation() != null);
  }

  @Test
  void commitFinishesJournalAndTaskTogetherAndDropsLocks() throws SQLException {
    UUID id = repository.openTask(newTask()).id();
    repository.append(id, "Release", EntryState.STARTED, null, null);
    locks.acquire(id, List.of(lock("src", EntityLock.Mode.SHARED)));

    repository.commit(id, MAPPER.createObjectNode().put("targetName", "t"));

    TaskJournal journal = repository.load(id).orElseThrow();
    assertThat(journal.state()).isEqualTo(JournalState.COMMITTED);
    assertThat(journal.task().state()).isEqualTo(TaskState.SUCCESS);
    assertThat(journal.task().progress()).isEqualTo(100);
    assertThat(journal.task().completedAt()).isNotNull();
    assertThat(journal.entries().get(journal.entries().size() - 1).state())
        .isEqualTo(EntryState.COMMITTED);
    assertThat(count("SELECT count(*) FROM entity_flag WHERE task_id = '" + id + "'")).isZero();
  }

  @Test
  void nothingIsWrittenToAFinishedJournal() {
    UUID id = repository.openTask(newTask()).id();
    repository.abort(id, "CopyFailed", "disk gone");

    assertThatThrownBy(() -> repository.append(id, "CopyDisks", EntryState.STARTED, null, null))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> repository.commit(id, null)).isInstanceOf(IllegalStateException.class);
    TaskRecord task = repository.load(id).orElseThrow().task();
    assertThat(task.state()).isEqualTo(TaskState.ERROR);
    assertThat(task.errorReason()).isEqualTo("CopyFailed");
  }

  @Test
  void aRejectedTaskIsFinishedFromTheStart() {
    TaskRecord task = repository.openRejectedTask(newTask(), "InvalidSpec", "spec.patches[0]: bad");
    TaskJournal journal = repository.load(task.id()).orElseThrow();
    assertThat(journal.state()).isEqualTo(JournalState.ABORTED);
    assertThat(journal.task().state()).isEqualTo(TaskState.ERROR);
    assertThat(journal.task().errorMessage()).isEqualTo("spec.patches[0]: bad");
  }

  @Test
  void anExclusiveLockConflictsWithAnyOtherHolder() {
    UUID first = repository.openTask(newTask()).id();
    UUID second = repository.openTask(newTask()).id();
    String name = "vm-" + UUID.randomUUID();
    assertThat(locks.acquire(first, List.of(lock(name, EntityLock.Mode.EXCLUSIVE)))).isEmpty();

    Optional<LockConflict> conflict =
        locks.acquire(
            second,
            List.of(
                lock("other-" + name, EntityLock.Mode.SHARED), lock(name, EntityLock.Mode.SHARED)));

    assertThat(conflict).hasValueSatisfying(c -> assertThat(c.holderTaskId()).isEqualTo(first));
    assertThat(locks.heldBy(second)).as("all or nothing").isEmpty();
  }

  @Test
  void sharedLocksCoexistAndAreIdempotent() {
    UUID first = repository.openTask(newTask()).id();
    UUID second = repository.openTask(newTask()).id();
    String name = "src-" + UUID.randomUUID();
    assertThat(locks.acquire(first, List.of(lock(name, EntityLock.Mode.SHARED)))).isEmpty();
    assertThat(locks.acquire(first, List.of(lock(name, EntityLock.Mode.SHARED)))).isEmpty();
    assertThat(locks.acquire(second, List.of(lock(name, EntityLock.Mode.SHARED)))).isEmpty();
    assertThat(locks.heldBy(first)).hasSize(1);

    locks.releaseAll(first);
    assertThat(locks.heldBy(first)).isEmpty();
    assertThat(locks.heldBy(second)).hasSize(1);
  }

  private static EntityLock lock(String name, EntityLock.Mode mode) {
    return new EntityLock("VirtualMachine", "default", name, mode, null);
  }

  @Test
  void aNamespaceAtItsLimitOfActiveTasksGetsNoMoreUntilOneFinishes() {
    String namespace = "limited-" + UUID.randomUUID();
    ActiveLimit two = new ActiveLimit(2, "TooManyClones", "two at most");
    TaskRecord first = repository.openTask(newTask(namespace), two);
    repository.openTask(newTask(namespace), two);

    TaskRecord third = repository.openTask(newTask(namespace), two);
    TaskRecord elsewhere = repository.openTask(newTask("other-" + namespace), two);

    assertThat(third.state()).isEqualTo(TaskState.ERROR);
    assertThat(third.errorReason()).isEqualTo("TooManyClones");
    assertThat(third.errorMessage()).isEqualTo("two at most");
    assertThat(elsewhere.state()).isEqualTo(TaskState.QUEUED);

    repository.commit(first.id(), MAPPER.createObjectNode());

    assertThat(repository.openTask(newTask(namespace), two).state()).isEqualTo(TaskState.QUEUED);
  }

  private static NewTask newTask() {
    return newTask("default");
  }

  private static NewTask newTask(String namespace) {
    Instant now = Instant.now();
    return new NewTask(
        namespace,
        "clone",
        UUID.randomUUID().toString(),
        now,
        now.plus(Duration.ofHours(6)),
        3,
        MAPPER.createObjectNode().put("runStrategy", "Halted"));
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
