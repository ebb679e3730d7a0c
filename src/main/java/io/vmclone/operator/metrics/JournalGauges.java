package io.vmclone.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.journal.JournalCounts;
import io.vmclone.operator.journal.JournalStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.jboss.logging.Logger;

/**
 * Gauges read from the journal database: {@code vmclone_clones_active} (tasks QUEUED or RUNNING),
 * {@code vmclone_clones_recovering} and {@code vmclone_entities_in_recovery}.
 *
 * <p>A scrape never touches the database: a background thread refreshes the counts every {@code
 * vmclone.metrics.journal-refresh} (default 5s) and the gauges read the last result. While the
 * database cannot answer, they read NaN (unknown), not a stale number; the scrape itself always
 * succeeds. Every replica reports the same database-wide numbers, so dashboards take {@code max},
 * not {@code sum}, across replicas.
 */
@ApplicationScoped
public class JournalGauges {

  private static final Logger LOG = Logger.getLogger(JournalGauges.class);

  private final JournalStatistics statistics;
  private final MeterRegistry registry;
  private final List<Meter> gauges = new ArrayList<>();
  private final Duration refresh;
  private volatile JournalCounts last;
  private volatile boolean failing;
  private ScheduledExecutorService refresher;

  @Inject
  public JournalGauges(
      JournalStatistics statistics, MeterRegistry registry, OperatorConfig config) {
    this(statistics, registry, config.metrics().journalRefresh());
  }

  JournalGauges(JournalStatistics statistics, MeterRegistry registry, Duration refresh) {
    this.statistics = statistics;
    this.registry = registry;
    this.refresh = refresh;
    gauge(
        registry, "vmclone.clones.active", "Clones QUEUED or RUNNING", JournalCounts::activeClones);
    gauge(
        registry,
        "vmclone.clones.recovering",
        "Unfinished clones marked as recovering",
        JournalCounts::recoveringClones);
    gauge(
        registry,
        "vmclone.entities.in.recovery",
        "Objects flagged in recovery",
        JournalCounts::entitiesInRecovery);
  }

  void start(@Observes StartupEvent event) {
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "journal-gauges");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Stops the refresh and removes the gauges: Quarkus' root registry is Micrometer's global one,
   * and a gauge left there would keep reading this instance in the next application of the same
   * JVM.
   */
  void stop(@Observes ShutdownEvent event) {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    gauges.forEach(registry::remove);
  }

  /** Reads the counts once; on failure the gauges read NaN until a read succeeds. */
  void refresh() {
    try {
      last = statistics.counts();
      if (failing) {
        LOG.info("journal gauges: the database answers again");
      }
      failing = false;
    } catch (RuntimeException e) {
      last = null;
      if (!failing) {
        LOG.warnf("journal gauges read NaN until the database answers: %s", e.getMessage());
      }
      failing = true;
    }
  }

  private void gauge(
      MeterRegistry registry, String name, String description, ToLongFunction<JournalCounts> of) {
    gauges.add(
        Gauge.builder(name, this, journal -> journal.value(of))
            .description(description)
            .strongReference(true)
            .register(registry));
  }

  private double value(ToLongFunction<JournalCounts> of) {
    JournalCounts counts = last;
    return counts == null ? Double.NaN : of.applyAsLong(counts);
  }
}
