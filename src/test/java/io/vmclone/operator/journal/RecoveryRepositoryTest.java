package io.vmclone.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class RecoveryRepositoryTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final DataSource dataSource = TestDatabase.migratedDataSource("idle");
  private final Incarnation incarnation = new Incarnation();
  private final LeaderEpoch epoch = Leaders.leading("idle");

  @Test
  void idleUnfinishedTasksAreThoseNobodyWroteForTheGraceLongestIdleFirst() {
    UUID idleLonger = open(NOW.minus(Duration.ofHours(5)));
    UUID idle = open(NOW.minus(Duration.ofHours(2)));
    UUID busy = open(NOW.minus(Duration.ofMinutes(3)));
    UUID finished = open(NOW.minus(Duration.ofHours(9)));
    repository(NOW.minus(Duration.ofHours(8))).abort(finished, "CopyFailed", "disk broke");

    Map<UUID, String> found = recovery().idleUnfinished(Duration.ofMinutes(10));

    assertThat(found.keySet()).containsExactly(idleLonger, idle).doesNotContain(busy);
    assertThat(found.get(idle))
        .isEqualTo(repository(NOW).load(idle).orElseThrow().task().cloneUid());
  }

  @Test
  void recoveringTasksAreThoseMarkedAndUnfinishedEachWithTheSourceItsSpecNames() throws Exception {
    UUID ofVm = open(NOW, "{\"source\":{\"name\":\"web\"}}");
    UUID ofSnapshot =
        open(
            NOW,
            "{\"source\":{\"kind\":\"VirtualMachineSnapshot\",\"namespace\":\"golden\","
                + "\"name\":\"base\"}}");
    UUID finished = open(NOW, "{\"source\":{\"name\":\"web\"}}");
    repository(NOW).abort(finished, "CopyFailed", "disk broke");
    Successor successor = new Successor();
    UUID ownTask = successor.openOwn();

    assertThat(successor.recovery.recovering()).isEmpty();
    successor.recovery.markInterrupted();

    assertThat(successor.recovery.recovering())
        .containsExactlyInAnyOrder(
            new RecoveringTask(ofVm, cloneUid(ofVm), shared("VirtualMachine", "default", "web")),
            new RecoveringTask(
                ofSnapshot,
                cloneUid(ofSnapshot),
                shared("VirtualMachineSnapshot", "golden", "base")))
        .noneMatch(task -> task.id().equals(ownTask));
  }

  @Test
  void stillRecoveringTellsInOneQueryWhichTasksHaveNotSettled() {
    UUID recovering = open(NOW);
    UUID restarted = open(NOW);
    UUID undoing = open(NOW);
    Successor successor = new Successor();
    successor.recovery.markInterrupted();
    successor.resolutions.restart(restarted, "Redoable", "restart 1");
    successor.resolutions.clearRecovery(undoing);
    UUID unknown = UUID.randomUUID();

    assertThat(successor.recovery.stillRecovering(List.of(recovering, restarted, undoing, unknown)))
        .containsExactly(recovering);
    assertThat(successor.recovery.stillRecovering(List.of())).isEmpty();
  }

  /** Another process that leads after this test's incarnation stopped. */
  private final class Successor {
    final Incarnation incarnation = new Incarnation();
    final LeaderEpoch epoch = Leaders.leading("successor");
    final RecoveryRepository recovery =
        new RecoveryRepository(dataSource, MAPPER, incarnation, epoch, clock(NOW));
    final RecoveryResolutions resolutions =
        new RecoveryResolutions(dataSource, MAPPER, incarnation, epoch, clock(NOW));

    /** A task this process runs (so not interrupted). */
    UUID openOwn() {
      return RecoveryRepositoryTest.open(
          new JournalRepository(dataSource, MAPPER, incarnation, epoch, clock(NOW)));
    }
  }

  private UUID open(Instant at) {
    return open(repository(at));
  }

  private UUID open(Instant at, String spec) throws Exception {
    return open(repository(at), (ObjectNode) MAPPER.readTree(spec));
  }

  private static UUID open(JournalRepository journal) {
    return open(journal, MAPPER.createObjectNode());
  }

  private static UUID open(JournalRepository journal, ObjectNode spec) {
    UUID id =
        journal
            .openTask(
                new NewTask(
                    "default",
                    "c",
                    UUID.randomUUID().toString(),
                    NOW,
                    NOW.plusSeconds(3600),
                    3,
                    spec))
            .id();
    journal.append(id, "Redoable", EntryState.STARTED, null, null);
    return id;
  }

  private String cloneUid(UUID task) {
    return repository(NOW).load(task).orElseThrow().task().cloneUid();
  }

  private static EntityLock shared(String kind, String namespace, String name) {
    return new EntityLock(kind, namespace, name, EntityLock.Mode.SHARED, null);
  }

  private RecoveryRepository recovery() {
    return new RecoveryRepository(dataSource, MAPPER, incarnation, epoch, clock(NOW));
  }

  private JournalRepository repository(Instant at) {
    return new JournalRepository(dataSource, MAPPER, incarnation, epoch, clock(at));
  }

  private static Clock clock(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }
}
