package io.vmclone.operator.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A new leader recovers interrupted clones namespace by namespace, on the journal a crashed leader
 * left in a real PostgreSQL: the scan's marking ({@link RecoveryRepository#markInterrupted()})
 * feeds the lane as {@link RecoveryScan} does, and reconciles arrive in the order of their events.
 */
class RecoveryFairnessTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final DataSource dataSource = TestDatabase.migratedDataSource("fairness");
  private final List<String> woken = new ArrayList<>();

  /** Five reconcile threads: one slot for recovery. */
  private final RecoveryLane lane = new RecoveryLane(Optional.of(5));

  @Test
  void aNamespaceWithOneInterruptedCloneIsNotStarvedByOneWithTwenty() {
    JournalRepository crashed =
        new JournalRepository(dataSource, MAPPER, new Incarnation(), Leaders.leading("a"), at(NOW));
    List<String> arrivals = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      arrivals.add(open(crashed, "crowded", NOW.minusSeconds(600 - i)));
    }
    String quiet = open(crashed, "quiet", NOW.minusSeconds(60));
    arrivals.add(quiet);
    RecoveryRepository successor =
        new RecoveryRepository(
            dataSource, MAPPER, new Incarnation(), Leaders.leading("b"), at(NOW));

    lane.leadershipBegins();
    arrivals.forEach(uid -> assertThat(enter(uid)).isEmpty());
    List<TaskRecord> interrupted = successor.markInterrupted();
    lane.interruptedFound(interrupted);
    lane.sourcesFlagged();

    assertThat(interrupted).hasSize(21);
    List<String> recovered = recoverAll();
    assertThat(recovered).hasSize(21);
    assertThat(recovered.subList(0, 2)).contains(quiet);
  }

  private String open(JournalRepository journal, String namespace, Instant queuedAt) {
    String uid = UUID.randomUUID().toString();
    journal.openTask(
        new NewTask(
            namespace,
            "clone-" + uid,
            uid,
            queuedAt,
            NOW.plusSeconds(3600),
            3,
            MAPPER.createObjectNode()));
    return uid;
  }

  private Optional<RecoveryLane.Pass> enter(String uid) {
    return lane.enter(uid, true, () -> woken.add(uid));
  }

  /** Each wake-up is a reconcile that recovers its clone and gives the slot back. */
  private List<String> recoverAll() {
    List<String> recovered = new ArrayList<>();
    while (!woken.isEmpty()) {
      String next = woken.remove(0);
      enter(next)
          .ifPresent(
              pass -> {
                recovered.add(next);
                lane.recovered(next);
                pass.close();
              });
    }
    return recovered;
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
