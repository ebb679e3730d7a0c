package io.vmclone.sandbox.picture;

import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.sandbox.picture.TimeChart.Mark;
import java.util.List;
import java.util.Map;

/**
 * The picture of a sandbox run for the README: the series of {@code docs/grafana-dashboard.json},
 * computed from a {@link Recording} of both replicas' {@code /q/metrics} the way the dashboard's
 * PromQL computes them, in six panels, as SVG.
 */
public final class MetricsPicture {

  static final List<String> ACTIONS = ActionNames.IN_ORDER;
  static final String[] REPLICA_COLORS = {"#4c78a8", "#f58518", "#54a24b", "#b279a2"};

  private static final int WIDTH = 1200;
  private static final int PANEL_WIDTH = 580;
  private static final int PANEL_HEIGHT = 250;
  private static final int GAP = 14;

  private MetricsPicture() {}

  /** The SVG document of the recording, with the script's marks. */
  public static String render(Recording recording, Map<Long, String> marksAtMillis) {
    List<Mark> marks =
        marksAtMillis.entrySet().stream()
            .map(e -> new Mark(recording.secondsAt(e.getKey()), e.getValue()))
            .toList();
    int height = 60 + 3 * (PANEL_HEIGHT + GAP);
    Svg svg = new Svg(WIDTH, height);
    svg.rect(0, 0, WIDTH, height, "#f6f8fa", "none");
    svg.text(
        GAP,
        30,
        "vmclone-operator in the sandbox: a batch of clones, the leader killed mid-copy,"
            + " recovery by the other replica",
        16,
        "start",
        "#1f2328");
    svg.text(
        GAP,
        48,
        "rendered by scripts/metrics-picture from each replica's /q/metrics, scraped every"
            + " second ("
            + String.join(", ", recording.replicas())
            + ")",
        11,
        "start",
        "#57606a");
    double seconds = recording.seconds();
    place(svg, 0, 0, clones(recording, seconds), marks);
    place(svg, 1, 0, leaders(recording, seconds), marks);
    place(svg, 0, 1, outcomes(recording, seconds), marks);
    place(svg, 1, 1, recoveries(recording, seconds), marks);
    actions(recording).draw(svg, x(0), y(2), PANEL_WIDTH, PANEL_HEIGHT);
    place(svg, 1, 2, journal(recording, seconds), marks);
    return svg.document();
  }

  private static TimeChart clones(Recording r, double seconds) {
    return new TimeChart("Clones active and recovering (journal gauges, max of replicas)", seconds)
        .line("vmclone_clones_active", "#4c78a8", r.gaugeMax("vmclone_clones_active"))
        .line("vmclone_clones_recovering", "#e45756", r.gaugeMax("vmclone_clones_recovering"))
        .line(
            "vmclone_entities_in_recovery", "#f58518", r.gaugeMax("vmclone_entities_in_recovery"));
  }

  private static TimeChart leaders(Recording r, double seconds) {
    TimeChart chart =
        new TimeChart(
                "Leader per replica (0/1, drawn apart; gap: replica down), leadership epoch",
                seconds)
            .steps(
                "vmclone_leadership_epoch (max)",
                "#9d755d",
                r.gaugeMax("vmclone_leadership_epoch"));
    List<String> replicas = r.replicas();
    for (int i = 0; i < replicas.size(); i++) {
      double apart = 0.04 * i;
      List<double[]> lane =
          r.gaugeOf("vmclone_leader", replicas.get(i)).stream()
              .map(p -> new double[] {p[0], p[1] * 0.9 + apart})
              .toList();
      chart.steps(replicas.get(i), REPLICA_COLORS[i % REPLICA_COLORS.length], lane);
    }
    return chart.atLeast(1);
  }

  private static TimeChart outcomes(Recording r, double seconds) {
    return new TimeChart("Clones finished (increase of vmclone_clones_total)", seconds)
        .steps(
            "succeeded",
            "#54a24b",
            r.increase("vmclone_clones_total", l -> "succeeded".equals(l.get("outcome"))))
        .steps(
            "failed",
            "#e45756",
            r.increase("vmclone_clones_total", l -> "failed".equals(l.get("outcome"))));
  }

  private static TimeChart recoveries(Recording r, double seconds) {
    TimeChart chart =
        new TimeChart("Recoveries and restart decisions (increase)", seconds)
            .steps(
                "vmclone_recoveries_total",
                "#f58518",
                r.increase("vmclone_recoveries_total", l -> true));
    String[] colors = {"#b279a2", "#e45756", "#72b7b2", "#9d755d"};
    List<String> decisions = r.labelValues("vmclone_restart_decisions_total", "decision");
    for (int i = 0; i < decisions.size(); i++) {
      String decision = decisions.get(i);
      chart.steps(
          "decision=" + decision,
          colors[i % colors.length],
          r.increase("vmclone_restart_decisions_total", l -> decision.equals(l.get("decision"))));
    }
    return chart;
  }

  private static BarChart actions(Recording r) {
    BarChart chart =
        new BarChart(
            "Mean action duration, first STARTED to DONE (vmclone_action_duration_seconds)", "s");
    for (String action : ACTIONS) {
      double count =
          r.totalIncrease(
              "vmclone_action_duration_seconds_count", l -> action.equals(l.get("action")));
      double sum =
          r.totalIncrease(
              "vmclone_action_duration_seconds_sum", l -> action.equals(l.get("action")));
      if (count > 0) {
        chart.bar(action, sum / count);
      }
    }
    return chart;
  }

  private static TimeChart journal(Recording r, double seconds) {
    List<double[]> meanMillis =
        r
            .windowedMean(
                "vmclone_journal_transaction_seconds_sum",
                "vmclone_journal_transaction_seconds_count",
                5)
            .stream()
            .map(p -> new double[] {p[0], p[1] * 1000})
            .toList();
    return new TimeChart("Journal transaction latency, mean ms per 5 s (fenced writes)", seconds)
        .line("vmclone_journal_transaction_seconds", "#72b7b2", meanMillis);
  }

  private static void place(Svg svg, int column, int row, TimeChart chart, List<Mark> marks) {
    chart.draw(svg, x(column), y(row), PANEL_WIDTH, PANEL_HEIGHT, marks);
  }

  private static double x(int column) {
    return GAP + column * (PANEL_WIDTH + GAP);
  }

  private static double y(int row) {
    return 60 + row * (PANEL_HEIGHT + GAP);
  }
}
