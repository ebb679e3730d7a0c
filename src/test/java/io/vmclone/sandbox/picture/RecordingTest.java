package io.vmclone.sandbox.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.testing.PrometheusText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a recording of two replicas' scrapes as the dashboard's PromQL would. */
class RecordingTest {

  private final List<String> lines = new ArrayList<>();

  @Test
  void aCounterThatRestartsAtZeroKeepsCountingAsPrometheusIncreaseDoes() {
    scrape(
        0, "operator-1", "vmclone_clones_total{outcome=\"succeeded\",reason=\"CloneSucceeded\"} 2");
    scrape(
        1000,
        "operator-1",
        "vmclone_clones_total{outcome=\"succeeded\",reason=\"CloneSucceeded\"} 3");
    down(2000, "operator-1");
    scrape(
        3000,
        "operator-1",
        "vmclone_clones_total{outcome=\"succeeded\",reason=\"CloneSucceeded\"} 1");
    scrape(3000, "operator-2", "vmclone_clones_total{outcome=\"failed\",reason=\"CopyFailed\"} 1");

    Recording recording = Recording.parse(lines);

    assertThat(recording.totalIncrease("vmclone_clones_total", l -> true)).isEqualTo(5);
    assertThat(
            recording.totalIncrease("vmclone_clones_total", l -> "failed".equals(l.get("outcome"))))
        .isEqualTo(1);
    assertThat(
            recording.increase("vmclone_clones_total", l -> "succeeded".equals(l.get("outcome"))))
        .extracting(p -> p[1])
        .containsExactly(0.0, 2.0, 3.0, 4.0, 4.0);
  }

  @Test
  void aGaugeIsTheLargestValueOfAnyReplicaEachSecondAndNaNIsNoValue() {
    scrape(0, "operator-1", "vmclone_clones_active 2");
    scrape(100, "operator-2", "vmclone_clones_active 3");
    scrape(1000, "operator-1", "vmclone_clones_active NaN");
    scrape(1100, "operator-2", "vmclone_clones_active 1");

    assertThat(Recording.parse(lines).gaugeMax("vmclone_clones_active"))
        .extracting(p -> p[0] + "=" + p[1])
        .containsExactly("0.0=3.0", "1.0=1.0");
  }

  @Test
  void aGaugeNoReplicaHasAValueForHasAGap() {
    scrape(0, "operator-1", "vmclone_leadership_epoch 1");
    scrape(100, "operator-2", "vmclone_leadership_epoch NaN");
    scrape(1100, "operator-2", "vmclone_leadership_epoch NaN");
    scrape(2100, "operator-2", "vmclone_leadership_epoch 2");

    assertThat(Recording.parse(lines).gaugeMax("vmclone_leadership_epoch"))
        .extracting(p -> p[1])
        .containsExactly(1.0, Double.NaN, 2.0);
  }

  @Test
  void aReplicaThatDidNotAnswerHasAGapInItsGauge() {
    scrape(0, "operator-1", "vmclone_leader 1");
    down(1000, "operator-1");
    scrape(2000, "operator-1", "vmclone_leader 0");

    assertThat(Recording.parse(lines).gaugeOf("vmclone_leader", "operator-1"))
        .extracting(p -> p[1])
        .containsExactly(1.0, Double.NaN, 0.0);
  }

  @Test
  void histogramBucketsAreLeftOutOfTheRecording() {
    scrape(
        0,
        "operator-1",
        "vmclone_action_duration_seconds_bucket{action=\"Release\",le=\"1.0\"} 1\n"
            + "vmclone_action_duration_seconds_count{action=\"Release\"} 1");

    assertThat(lines.get(0)).doesNotContain("_bucket");
    assertThat(
            Recording.parse(lines).labelValues("vmclone_action_duration_seconds_count", "action"))
        .containsExactly("Release");
  }

  private void scrape(long millis, String replica, String exposition) {
    lines.addAll(
        List.of(Recording.lines(millis, replica, PrometheusText.parse(exposition)).split("\n")));
  }

  private void down(long millis, String replica) {
    lines.addAll(List.of(Recording.lines(millis, replica, null).split("\n")));
  }
}
