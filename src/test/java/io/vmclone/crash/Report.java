package io.vmclone.crash;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's output: a header, one row per case as it finishes ({@code case | result | restarts
 * | seconds | detail}), then the measurements and the closing line {@code N passed, M failed}.
 */
final class Report {

  private static final String ROW = "%-34s | %-6s | %-9s | %7s | %s%n";

  private final PrintStream out;
  private final List<CaseResult> results = new ArrayList<>();
  private final List<String> measurements = new ArrayList<>();

  Report(PrintStream out) {
    this.out = out;
  }

  void header() {
    out.printf(Locale.ROOT, ROW, "case", "result", "restarts", "seconds", "detail");
    out.flush();
  }

  void add(CaseResult result) {
    results.add(result);
    out.printf(
        Locale.ROOT,
        ROW,
        result.name(),
        result.passed() ? "PASS" : "FAIL",
        result.restarts(),
        String.format(Locale.ROOT, "%.1f", result.seconds()),
        result.detail());
    out.flush();
  }

  /** A line for the measurements block at the end. */
  void measured(String line) {
    measurements.add(line);
  }

  /** Minimum, median and maximum of a series of durations, as one measurement line. */
  void measured(String what, List<Duration> durations) {
    if (durations.isEmpty()) {
      return;
    }
    List<Duration> sorted = durations.stream().sorted().toList();
    measured(
        String.format(
            Locale.ROOT,
            "%s over %d case(s): min %s, median %s, max %s",
            what,
            sorted.size(),
            Leadership.seconds(sorted.get(0)),
            Leadership.seconds(sorted.get(sorted.size() / 2)),
            Leadership.seconds(sorted.get(sorted.size() - 1))));
  }

  /** Prints the measurements and the closing line; whether every case passed. */
  boolean finish(Duration elapsed) {
    out.println();
    measurements.forEach(out::println);
    out.printf(Locale.ROOT, "total run time %s%n", Leadership.seconds(elapsed));
    long failed = results.stream().filter(r -> !r.passed()).count();
    out.printf(Locale.ROOT, "%d passed, %d failed%n", results.size() - failed, failed);
    out.flush();
    return failed == 0 && !results.isEmpty();
  }
}
