package io.vmclone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of scenario 1's throughput: completed clones per second against the lower clone limit
 * ({@link CloneLimits}), judged at 100 in flight, and API requests per clone against twice the
 * workflow's minimum ({@link MinimumRequest}), judged at 1 and at 100 in flight.
 */
final class ThroughputRows {

  /** The batch size whose rate is judged. */
  static final int JUDGED_RATE = 100;

  /** The batch sizes whose requests per clone are judged. */
  static final List<Integer> JUDGED_REQUESTS = List.of(1, 100);

  /** How many times the workflow's minimum the requests per clone may be. */
  static final int REQUEST_FACTOR = 2;

  private ThroughputRows() {}

  /** One row per batch size, in the order given. */
  static List<Row> rates(Map<Integer, Samples> rates, CloneLimits limits) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<Integer, Samples> rate : rates.entrySet()) {
      double value = rate.getValue().median();
      String scenario = "1. completed clones/s, " + rate.getKey() + " in flight";
      String measured = rate.getValue().describe(" clones/s", 2);
      String baseline = limits.baseline(value);
      if (rate.getKey() != JUDGED_RATE) {
        rows.add(Row.info(scenario, measured, baseline));
      } else if (limits.measured()) {
        rows.add(Row.judged(scenario, value, measured, baseline, limits.target()));
      } else {
        rows.add(new Row(scenario, measured, baseline, limits.target().text(), "-"));
      }
    }
    return rows;
  }

  /** The judged rows of requests per clone, for the batch sizes counted. */
  static List<Row> requests(Map<Integer, RequestTally> tallies) {
    List<Row> rows = new ArrayList<>();
    for (int inFlight : JUDGED_REQUESTS) {
      RequestTally tally = tallies.get(inFlight);
      if (tally != null && tally.clones() > 0) {
        rows.add(requests(inFlight, tally.perClone()));
      }
    }
    return rows;
  }

  /** API requests per clone at a number of clones in flight, against the workflow's minimum. */
  static Row requests(int inFlight, double perClone) {
    int minimum = MinimumRequest.requests();
    int limit = REQUEST_FACTOR * minimum;
    return Row.judged(
        "1. API requests per clone, " + inFlight + " in flight (at the API server)",
        perClone,
        Scenarios.format(perClone, 1),
        "workflow minimum " + minimum,
        Target.atMost(limit, "")
            .described("<= " + REQUEST_FACTOR + "x the workflow's minimum (" + limit + ")"));
  }
}
