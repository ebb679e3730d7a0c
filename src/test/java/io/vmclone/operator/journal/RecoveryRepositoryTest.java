package io.vmclone.operator.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

  private UUID open(Instant at) {
    JournalRepository journal = repository(at);
    UUID id =
        journal
            .openTask(
                new NewTask(
                    "default",
                    "c",
                    UUID.randomUUID().toString(),
                    at,
                    at.plusSeconds(3600),
                    3,
                    MAPPER.createObjectNode()))
            .id();
    journal.append(id, "Redoable", EntryState.STARTED, null, null);
    return id;
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
