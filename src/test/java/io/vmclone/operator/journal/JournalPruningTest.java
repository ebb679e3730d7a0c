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
    return new NewTask(
        "default",
        "c",
        UUID.randomUUID().toString(),
        NOW,
        NOW.plusSeconds(3600),
        3,
        MAPPER.createObjectNode());
  }
}
