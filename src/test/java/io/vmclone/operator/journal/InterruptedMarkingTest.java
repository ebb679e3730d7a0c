package io.vmclone.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The recovery scan's marking of many interrupted tasks at once, on a real PostgreSQL: every
 * journal and every entity flag as marking the tasks one by one leaves them, the source of a task
 * that holds no lock read from its spec exactly as {@link RequestedSource} reads it.
 */
class InterruptedMarkingTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant CRASHED_AT = Instant.parse("2026-12-01T09:00:00Z");
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  /** Spec shapes and the source each names in a clone's namespace {@code ns}. */
  private static final List<String> SPECS =
      List.of(
          "{\"source\":{\"name\":\"web\"}}",
          "{\"source\":{\"kind\":\"VirtualMachineSnapshot\",\"namespace\":\"golden\","
              + "\"name\":\"base\"}}",
          "{\"source\":{\"kind\":\"VirtualMachine\",\"namespace\":\"\",\"name\":\"db\"}}",
          "{\"source\":{\"kind\":null,\"namespace\":null,\"name\":\"x\"}}",
          "{}",
          "{\"source\":{\"name\":\"web\",\"extra\":1},\"target\":{\"name\":\"t\"}}");

  private static final List<EntityRow> SOURCES =
      List.of(
          source("VirtualMachine", "ns", "web"),
          source("VirtualMachineSnapshot", "golden", "base"),
          source("VirtualMachine", "ns", "db"),
          source("VirtualMachine", "ns", "x"),
          source("VirtualMachine", "ns", ""),
          source("VirtualMachine", "ns", "web"));

  private final DataSource dataSource = TestDatabase.migratedDataSource("marking");
  private final Incarnation crashed = new Incarnation();
  private final LeaderEpoch crashedEpoch = Leaders.leading("crashed");

  @Test
  void manyInterruptedTasksAreMarkedAndFlaggedExactlyAsOneByOne() throws Exception {
    List<Integer> minutes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      minutes.add(i);
    }
    Collections.shuffle(minutes, new Random(7));
    Map<UUID, Instant> writtenAt = new HashMap<>();
    Set<EntityRow> expected = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Instant at = CRASHED_AT.plusSeconds(60L * minutes.get(i));
      String namespace = "ns-" + (i % 3);
      UUID id = open(at, namespace, SPECS.get(i % SPECS.size()));
      writtenAt.put(id, at);
      if (i % 4 == 0) {
        expected.addAll(inRecovery(holdLocks(id, "held-" + i, at)));
      } else {
        EntityRow source = SOURCES.get(i % SPECS.size());
        expected.add(source.of(id, namespace, NOW));
      }
    }
    UUID finished = open(CRASHED_AT, "ns-0", SPECS.get(0));
    holdLocks(finished, "finished", CRASHED_AT);
    journal(CRASHED_AT).abort(finished, "CopyFailed", "disk broke"); // drops its locks
    Successor successor = new Successor();
    UUID own = successor.openOwn();
    expected.addAll(successor.holdLocks(own));

    List<TaskRecord> marked = successor.recovery.markInterrupted();

    List<UUID> oldestFirst = new ArrayList<>(writtenAt.keySet());
    oldestFirst.sort((a, b) -> writtenAt.get(a).compareTo(writtenAt.get(b)));
    assertThat(marked).extracting(TaskRecord::id).containsExactlyElementsOf(oldestFirst);
    for (TaskRecord task : marked) {
      assertThat(task).isEqualTo(successor.journal.load(task.id()).orElseThrow().task());
    }
    Map<UUID, Instant> since = recoveringSince();
    assertThat(since).hasSize(202).containsEntry(finished, null).containsEntry(own, null);
    oldestFirst.forEach(id -> assertThat(since).containsEntry(id, NOW));
    assertThat(entityRows()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(successor.recovery.markInterrupted()).isEmpty();
  }

  @Test
  void theSourceFlaggedIsTheOneRequestedSourceReadsFromTheSpec() throws Exception {
    List<UUID> tasks = new ArrayList<>();
    for (String spec : SPECS) {
      tasks.add(open(CRASHED_AT, "tenant", spec));
    }
    Successor successor = new Successor();

    successor.recovery.markInterrupted();

    for (UUID id : tasks) {
      EntityLock read = RequestedSource.of(successor.journal.load(id).orElseThrow().task());
      assertThat(entityRows())
          .filteredOn(row -> row.task().equals(id))
          .containsExactly(
              new EntityRow(
                  read.kind(), read.namespace(), read.name(), id, "SHARED", null, true, NOW));
    }
  }

  @Test
  void aJournalAnotherTransactionHoldsIsLeftForTheNextScan() throws Exception {
    UUID held = open(CRASHED_AT, "ns", SPECS.get(0));
    UUID free = open(CRASHED_AT.plusSeconds(1), "ns", SPECS.get(1));
    Successor successor = new Successor();

    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement s =
          other.prepareStatement("SELECT 1 FROM workflow_journal WHERE task_id = ? FOR UPDATE")) {
        s.setObject(1, held);
        s.executeQuery().close();
      }
      assertThat(successor.recovery.markInterrupted())
          .extracting(TaskRecord::id)
          .containsExactly(free);
      other.rollback();
    }

    assertThat(entityRows()).extracting(EntityRow::task).containsExactly(free);
    assertThat(successor.recovery.markInterrupted())
        .extracting(TaskRecord::id)
        .containsExactly(held);
    assertThat(entityRows()).extracting(EntityRow::task).containsExactlyInAnyOrder(free, held);
  }

  @Test
  void oneTaskIsMarkedOnceWithItsLocksOrElseItsSourceFlagged() throws Exception {
    UUID holding = open(CRASHED_AT, "ns", SPECS.get(0));
    List<EntityRow> held = holdLocks(holding, "held", CRASHED_AT);
    UUID bare = open(CRASHED_AT, "tenant", SPECS.get(1));
    Successor successor = new Successor();

    assertThat(successor.recovery.markInterrupted(holding)).isTrue();
    assertThat(successor.recovery.markInterrupted(bare)).isTrue();
    assertThat(successor.recovery.markInterrupted(bare)).isFalse();

    List<EntityRow> expected = new ArrayList<>(inRecovery(held));
    expected.add(SOURCES.get(1).of(bare, "tenant", NOW));
    assertThat(entityRows()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(recoveringSince()).containsEntry(holding, NOW).containsEntry(bare, NOW);
  }

  /** A row of {@code entity_flag}; for the expected source rows, {@code namespace} may be "ns". */
  record EntityRow(
      String kind,
      String namespace,
      String name,
      UUID task,
      String mode,
      String uid,
      boolean inRecovery,
      Instant flaggedAt) {

    /** This source row for a task of the namespace ("ns" stands for the clone's namespace). */
    EntityRow of(UUID taskId, String cloneNamespace, Instant at) {
      String ns = namespace.equals("ns") ? cloneNamespace : namespace;
      return new EntityRow(kind, ns, name, taskId, mode, uid, inRecovery, at);
    }
  }

  private static EntityRow source(String kind, String namespace, String name) {
    return new EntityRow(kind, namespace, name, null, "SHARED", null, true, null);
  }

  private static List<EntityRow> inRecovery(List<EntityRow> rows) {
    return rows.stream()
        .map(
            r ->
                new EntityRow(
                    r.kind(),
                    r.namespace(),
                    r.name(),
                    r.task(),
                    r.mode(),
                    r.uid(),
                    true,
                    r.flaggedAt()))
        .toList();
  }

  /** A shared lock on a VM and an exclusive one on a target name, taken by the crashed process. */
  private List<EntityRow> holdLocks(UUID task, String name, Instant at) {
    JournalLocks locks = new JournalLocks(dataSource, MAPPER, crashed, crashedEpoch, clock(at));
    return locks(locks, task, name, at);
  }

  private static List<EntityRow> locks(JournalLocks locks, UUID task, String name, Instant at) {
    EntityLock vm = new EntityLock("VirtualMachine", "ns-0", name, EntityLock.Mode.SHARED, "uid");
    EntityLock target =
        new EntityLock("VirtualMachine", "ns-1", name + "-copy", EntityLock.Mode.EXCLUSIVE, null);
    assertThat(locks.acquire(task, List.of(vm, target))).isEmpty();
    return List.of(
        new EntityRow("VirtualMachine", "ns-0", name, task, "SHARED", "uid", false, at),
        new EntityRow(
            "VirtualMachine", "ns-1", name + "-copy", task, "EXCLUSIVE", null, false, at));
  }

  /** Another process that leads after the crashed one. */
  private final class Successor {
    final Incarnation incarnation = new Incarnation();
    final LeaderEpoch epoch = Leaders.leading("successor");
    final RecoveryRepository recovery =
        new RecoveryRepository(dataSource, MAPPER, incarnation, epoch, clock(NOW));
    final JournalRepository journal =
        new JournalRepository(dataSource, MAPPER, incarnation, epoch, clock(NOW));

    /** A task this process runs (so not interrupted). */
    UUID openOwn() throws Exception {
      return InterruptedMarkingTest.open(journal, "ns-0", SPECS.get(0));
    }

    List<EntityRow> holdLocks(UUID task) {
      return locks(
          new JournalLocks(dataSource, MAPPER, incarnation, epoch, clock(NOW)), task, "own", NOW);
    }
  }

  private UUID open(Instant at, String namespace, String spec) throws Exception {
    return open(journal(at), namespace, spec);
  }

  private static UUID open(JournalRepository journal, String namespace, String spec)
      throws Exception {
    UUID id =
        journal
            .openTask(
                new NewTask(
                    namespace,
                    "c",
                    UUID.randomUUID().toString(),
                    CRASHED_AT,
                    NOW.plusSeconds(3600),
                    3,
                    (ObjectNode) MAPPER.readTree(spec)))
            .id();
    journal.append(id, "Redoable", EntryState.STARTED, null, null);
    return id;
  }

  private Map<UUID, Instant> recoveringSince() throws SQLException {
    Map<UUID, Instant> since = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        ResultSet r =
            c.createStatement()
                .executeQuery("SELECT task_id, recovering_since FROM workflow_journal")) {
      while (r.next()) {
        Timestamp at = r.getTimestamp(2);
        since.put(r.getObject(1, UUID.class), at == null ? null : at.toInstant());
      }
    }
    return since;
  }

  private List<EntityRow> entityRows() throws SQLException {
    List<EntityRow> rows = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT entity_kind, namespace, name, task_id, mode, entity_uid, in_recovery,"
                        + " flagged_at FROM entity_flag")) {
      while (r.next()) {
        rows.add(
            new EntityRow(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getObject(4, UUID.class),
                r.getString(5),
                r.getString(6),
                r.getBoolean(7),
                r.getTimestamp(8).toInstant()));
      }
    }
    return rows;
  }

  private JournalRepository journal(Instant at) {
    return new JournalRepository(dataSource, MAPPER, crashed, crashedEpoch, clock(at));
  }

  private static Clock clock(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }
}
