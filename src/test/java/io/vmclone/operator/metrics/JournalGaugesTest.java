package io.vmclone.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.JournalStatistics;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.PrometheusText;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The journal gauges read the database in the background and never fail a scrape. */
class JournalGaugesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.systemUTC();

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void countActiveAndRecoveringClonesAndTheEntitiesInRecovery() {
    DataSource dataSource = TestDatabase.migratedDataSource("gauges");
    Incarnation incarnation = new Incarnation();
    LeaderEpoch epoch = Leaders.leading("gauges");
    JournalRepository journal =
        new JournalRepository(dataSource, MAPPER, incarnation, epoch, CLOCK);
    RecoveryRepository recovery =
        new RecoveryRepository(dataSource, MAPPER, incarnation, epoch, CLOCK);
    UUID first = journal.openTask(task("web")).id();
    journal.openTask(task("web"));
    journal.openTask(task("db"));
    recovery.markInterrupted(first);
    JournalGauges gauges = gauges(dataSource);

    gauges.refresh();

    assertThat(value("vmclone.clones.active")).isEqualTo(3);
    assertThat(value("vmclone.clones.recovering")).isEqualTo(1);
    assertThat(value("vmclone.entities.in.recovery")).isEqualTo(1);
  }

  @Test
  void readNaNWhileTheDatabaseIsDownAndTheScrapeStillSucceeds() {
    JournalGauges gauges = gauges(TestDatabase.dataSource("jdbc:postgresql://127.0.0.1:1/none"));

    gauges.refresh();

    assertThat(value("vmclone.clones.active")).isNaN();
    PrometheusText scrape = PrometheusText.parse(registry.scrape());
    assertThat(scrape.value("vmclone_clones_active").orElseThrow()).isNaN();
    assertThat(scrape.value("vmclone_entities_in_recovery").orElseThrow()).isNaN();
  }

  @Test
  void beforeTheirFirstReadTheGaugesAreUnknownNotZero() {
    gauges(TestDatabase.migratedDataSource("gauges"));

    assertThat(value("vmclone.clones.active")).isNaN();
  }

  private JournalGauges gauges(DataSource dataSource) {
    return new JournalGauges(
        new JournalStatistics(dataSource, MAPPER), registry, Duration.ofSeconds(5));
  }

  private double value(String gauge) {
    return registry.get(gauge).gauge().value();
  }

  private static NewTask task(String source) {
    Instant now = CLOCK.instant();
    return new NewTask(
        "default",
        "clone-" + UUID.randomUUID(),
        UUID.randomUUID().toString(),
        now,
        now.plus(Duration.ofHours(1)),
        3,
        MAPPER
            .createObjectNode()
            .set(
                "source",
                MAPPER.createObjectNode().put("kind", "VirtualMachine").put("name", source)));
  }
}
