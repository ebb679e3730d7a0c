package io.vmclone.bench;

import io.vmclone.crash.Bench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 1's two limits, each a part of its own: the journal's raw commit rate ({@code journal})
 * and the API server's raw write rate ({@code apiserver}), each with 1 and 8 writers, and the clone
 * limit each implies from the 8-writer rate. Each adds its rows and details and returns its limit.
 */
final class LimitParts {

  static final int REPETITIONS = 3;
  static final Duration WINDOW = Duration.ofSeconds(3);

  /** The writers whose rate sets the limit. */
  static final int WRITERS = 8;

  private final Bench bench;
  private final List<Row> rows;
  private final StringBuilder details;

  LimitParts(Bench bench, List<Row> rows, StringBuilder details) {
    this.bench = bench;
    this.rows = rows;
    this.details = details;
  }

  /** The journal's raw rate and the clone limit from it. */
  double journal() throws Exception {
    JournalRateBench rate = new JournalRateBench(bench.postgres(), WINDOW);
    Samples[] both = oneAndEight(rate::measure);
    double limit = both[1].median() / JournalRateBench.TRANSACTIONS_PER_CLONE;
    addRows("journal", " tx/s", both, JournalRateBench.TRANSACTIONS_PER_CLONE + " tx", limit);
    details.append(
        String.format(
            Locale.ROOT,
            "%n**Journal.** %s-second windows, %d repetitions each; every transaction is the"
                + " operator's own `JournalRepository` call (fenced: epoch check under FOR SHARE,"
                + " entry numbering, journal row lock) through an Agroal pool configured like the"
                + " operator's (validation on borrow). A clone needs %d of them (STARTED and DONE for"
                + " each of 9 actions, and the commit).%n",
            WINDOW.toSeconds(),
            REPETITIONS,
            JournalRateBench.TRANSACTIONS_PER_CLONE));
    return limit;
  }

  /** The API server's raw write rate and the clone limit from it. */
  double apiServer() throws Exception {
    RequestCounter writers =
        new RequestCounter(bench.plane().plane().auditLog(), ApiServerRateBench.AGENT);
    Samples[] both;
    try (ApiServerRateBench rate =
        new ApiServerRateBench(bench.plane().plane(), bench.plane().admin(), WINDOW)) {
      both = oneAndEight(rate::measure);
    }
    int writes = MinimumRequest.writes();
    double limit = both[1].median() / writes;
    addRows("API server", " writes/s", both, writes + " writes", limit);
    details.append(
        String.format(
            Locale.ROOT,
            "%n**API server.** The same windows and repetitions; each writer, as the operator's"
                + " ServiceAccount (its token and the chart's RBAC), creates a VirtualMachine (the"
                + " one-disk source VM of the throughput part: a small namespaced custom resource,"
                + " as most of a clone's writes are), updates it (PUT, as the source's finalizer is"
                + " written; the operator may not write a VM's status) and deletes it, in a"
                + " namespace no controller acts in. A clone needs at least %d stored writes and"
                + " %d requests in all (`MinimumRequest`: %s). The writers' requests in the audit"
                + " log: %s.%n",
            writes,
            MinimumRequest.requests(),
            minimumList(),
            writers.drain()));
    return limit;
  }

  private interface Rate {
    double measure(int writers) throws Exception;
  }

  /** The rate with 1 and with {@link #WRITERS} writers, alternating, {@link #REPETITIONS} times. */
  private static Samples[] oneAndEight(Rate rate) throws Exception {
    List<Double> one = new ArrayList<>();
    List<Double> many = new ArrayList<>();
    for (int rep = 0; rep < REPETITIONS; rep++) {
      one.add(rate.measure(1));
      many.add(rate.measure(WRITERS));
    }
    return new Samples[] {new Samples(one), new Samples(many)};
  }

  private void addRows(String what, String unit, Samples[] both, String perClone, double limit) {
    BenchMain.progress(
        what
            + ": 1 writer "
            + both[0].describe(unit, 0)
            + ", 8 writers "
            + both[1].describe(unit, 0));
    rows.add(Row.info("1. " + what + " raw rate, 1 writer", both[0].describe(unit, 0), "-"));
    rows.add(
        Row.info(
            "1. " + what + " raw rate, " + WRITERS + " writers", both[1].describe(unit, 0), "-"));
    rows.add(
        Row.info(
            "1. " + what + " clone limit (" + WRITERS + "-writer rate / " + perClone + ")",
            Scenarios.format(limit, 1) + " clones/s",
            "-"));
  }

  /** The minimum request set as the details list it: {@code the clone's finalizer, ...}. */
  static String minimumList() {
    StringBuilder out = new StringBuilder();
    for (MinimumRequest request : MinimumRequest.values()) {
      if (!out.isEmpty()) {
        out.append("; ");
      }
      String kind =
          request.cost() == MinimumRequest.Cost.REVIEW
              ? "SubjectAccessReview (" + request.request() + ")"
              : request.request();
      out.append(kind).append(": ").append(request.why());
    }
    return out.toString();
  }
}
