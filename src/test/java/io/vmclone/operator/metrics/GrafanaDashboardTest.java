package io.vmclone.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.JournalStatistics;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.PrometheusText;
import io.vmclone.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana-dashboard.json queries exactly the series the operator serves: every {@code
 * vmclone_} name in its PromQL is in a scrape of the operator's meters, and every family the
 * operator serves is on the dashboard.
 */
class GrafanaDashboardTest {

  private static final Pattern SERIES = Pattern.compile("vmclone_[a-z_]+");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void everySeriesTheDashboardQueriesIsServedAndEveryFamilyIsShown() throws IOException {
    JsonNode dashboard = MAPPER.readTree(Path.of("docs/grafana-dashboard.json").toFile());
    Set<String> queried = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher matcher = SERIES.matcher(expr.asText());
      while (matcher.find()) {
        queried.add(matcher.group());
      }
    }

    Set<String> served = servedSeries();

    assertThat(served).containsAll(queried);
    assertThat(families(queried)).containsExactlyInAnyOrderElementsOf(families(served));
    assertThat(dashboard.path("uid").asText()).isEqualTo("vmclone-operator");
  }

  /** The series names of a scrape after every meter of the operator has been used once. */
  private static Set<String> servedSeries() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Metrics.globalRegistry.add(registry);
    try {
      DataSource dataSource = TestDatabase.migratedDataSource("dashboard");
      LeaderEpoch epoch = Leaders.leading("dashboard");
      Clock clock = Clock.systemUTC();
      new JournalRepository(dataSource, MAPPER, new Incarnation(), epoch, clock).openTask(task());
      CloneMetrics metrics = new CloneMetrics(registry);
      metrics.cloneSucceeded();
      metrics.actionCompleted("CopyDisks", Duration.ofSeconds(3));
      metrics.restartDecision(CloneMetrics.RESTARTED);
      new JournalGauges(new JournalStatistics(dataSource, MAPPER), registry, Duration.ofSeconds(5))
          .refresh();
      new LeadershipGauges().register(null, epoch, registry);
      return PrometheusText.parse(registry.scrape()).samples().stream()
          .map(PrometheusText.Sample::name)
          .filter(name -> name.startsWith("vmclone_"))
          .collect(Collectors.toCollection(TreeSet::new));
    } finally {
      Metrics.globalRegistry.remove(registry);
    }
  }

  private static Set<String> families(Set<String> series) {
    return series.stream()
        .map(name -> name.replaceAll("_(bucket|count|sum|max)$", ""))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static NewTask task() {
    Instant now = Instant.now();
    return new NewTask(
        "default",
        "dashboard",
        UUID.randomUUID().toString(),
        now,
        now.plus(Duration.ofHours(1)),
        3,
        MAPPER
            .createObjectNode()
            .set(
                "source",
                MAPPER.createObjectNode().put("kind", "VirtualMachine").put("name", "vm")));
  }
}
