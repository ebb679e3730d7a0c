package io.vmclone.operator.metrics;

import static io.vmclone.operator.metrics.CloneMetrics.RESTARTED;
import static io.vmclone.operator.metrics.CloneMetrics.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vmclone.testing.PrometheusText;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Prometheus series the clone metrics produce, as a scrape shows them. */
class CloneMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CloneMetrics metrics = new CloneMetrics(registry);

  @Test
  void clonesAreCountedByOutcomeAndReason() {
    metrics.cloneSucceeded();
    metrics.cloneSucceeded();
    metrics.cloneFailed("CopyFailed");

    PrometheusText scrape = scrape();
    assertThat(scrape.value("vmclone_clones_total", "outcome", "succeeded", "reason", SUCCEEDED))
        .hasValue(2);
    assertThat(scrape.value("vmclone_clones_total", "outcome", "failed", "reason", "CopyFailed"))
        .hasValue(1);
  }

  @Test
  void actionDurationsFallIntoBucketsFromSubSecondToHours() {
    metrics.actionCompleted("CopyDisks", Duration.ofSeconds(40));
    metrics.actionCompleted("CopyDisks", Duration.ofMinutes(90));

    PrometheusText scrape = scrape();
    assertThat(bucket(scrape, "0.1")).isZero();
    assertThat(bucket(scrape, "30.0")).isZero();
    assertThat(bucket(scrape, "60.0")).isEqualTo(1);
    assertThat(bucket(scrape, "3600.0")).isEqualTo(1);
    assertThat(bucket(scrape, "7200.0")).isEqualTo(2);
    assertThat(bucket(scrape, "21600.0")).isEqualTo(2);
    assertThat(scrape.value("vmclone_action_duration_seconds_count", "action", "CopyDisks"))
        .hasValue(2);
    assertThat(scrape.value("vmclone_action_duration_seconds_sum", "action", "CopyDisks"))
        .hasValue(5440);
  }

  @Test
  void aClockThatWentBackwardsRecordsZeroNotANegativeDuration() {
    metrics.actionCompleted("Release", Duration.ofSeconds(-3));

    assertThat(
            registry
                .get("vmclone.action.duration")
                .timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS))
        .isZero();
  }

  @Test
  void recoveriesAndTheirDecisionsAreCounted() {
    metrics.recoveriesStarted(3);
    metrics.recoveriesStarted(0);
    metrics.restartDecision(CloneMetrics.RESTARTED);
    metrics.restartDecision(CloneMetrics.RESTARTED);
    metrics.restartDecision("MaxRestartsExceeded");

    PrometheusText scrape = scrape();
    assertThat(scrape.value("vmclone_recoveries_total")).hasValue(3);
    assertThat(scrape.value("vmclone_restart_decisions_total", "decision", RESTARTED)).hasValue(2);
    assertThat(scrape.value("vmclone_restart_decisions_total", "decision", "MaxRestartsExceeded"))
        .hasValue(1);
  }

  private PrometheusText scrape() {
    return PrometheusText.parse(registry.scrape());
  }

  private static double bucket(PrometheusText scrape, String le) {
    return scrape
        .value("vmclone_action_duration_seconds_bucket", "action", "CopyDisks", "le", le)
        .orElseThrow();
  }
}
