package io.vmclone.bench;

import io.vmclone.crash.Bench;
import io.vmclone.crash.CaseRun;
import io.vmclone.crash.OperatorProcess;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 1's throughput part: one leader, batches of clones, the rows of {@link ThroughputRows}
 * and the CPU per clone, and the details paragraph with the requests per clone broken down.
 */
final class ThroughputPart {

  private final Bench bench;
  private final List<Row> rows;
  private final StringBuilder details;

  ThroughputPart(Bench bench, List<Row> rows, StringBuilder details) {
    this.bench = bench;
    this.rows = rows;
    this.details = details;
  }

  /** Scenario 1, second half: completed clones per second and API requests per clone. */
  void run(CloneLimits limits) {
    try (CaseRun run = BenchMain.world(bench, "throughput", BenchPaces.zero())) {
      RequestCounter counter = new RequestCounter(bench.plane().plane().auditLog());
      OperatorProcess leader =
          BenchOperators.startLeader(run, BenchOperators.replica(BenchOperators.FIRST));
      CpuMeter cpu = new CpuMeter(leader.pid(), bench.layout().out().resolve("pgdata"));
      ThroughputBench.Result result = new ThroughputBench(run, counter, cpu).measure();
      rows.addAll(ThroughputRows.rates(result.rates(), limits));
      rows.addAll(ThroughputRows.requests(result.requests()));
      rows.add(cpuRow(result.cpuPerClone()));
      details.append(details(result));
    }
  }

  private static Row cpuRow(CpuMeter.Reading perClone) {
    int cores = Runtime.getRuntime().availableProcessors();
    return Row.info(
        "1. CPU per clone at 100 in flight: operator / PostgreSQL / API server / rig",
        Scenarios.format(1000 * perClone.operator(), 1)
            + " / "
            + Scenarios.format(1000 * perClone.postgres(), 1)
            + " / "
            + Scenarios.format(1000 * perClone.apiServer(), 1)
            + " / "
            + Scenarios.format(1000 * perClone.rig(), 1)
            + " ms",
        "operator alone on "
            + cores
            + " cores: "
            + Scenarios.format(cores / perClone.operator(), 0)
            + " clones/s");
  }

  private static String details(ThroughputBench.Result result) {
    return String.format(
        Locale.ROOT,
        "%n**Throughput.** One leader, simulator with zero delays, one-disk clones by a"
            + " person (Halted target); batches of N applied at once, rate = N / (first"
            + " apply -> last COMMITTED entry); batches: %s (size=repetitions), after one"
            + " uncounted batch of 1. Judged against %d%% of the lower of the two clone"
            + " limits measured in this run. API requests counted in the API server's audit"
            + " log (the chart's ServiceAccount with the benchmark's User-Agent), leader"
            + " election left out, per clone with the workflow's minimum (`MinimumRequest`)"
            + " for each request; at 1 in flight: %s. At 100 in flight: %s.%n",
        ThroughputBench.BATCHES,
        Math.round(100 * CloneLimits.TARGET_SHARE),
        breakdown(result, 1),
        breakdown(result, 100));
  }

  private static String breakdown(ThroughputBench.Result result, int inFlight) {
    RequestTally tally = result.requests().get(inFlight);
    return tally == null ? "not counted" : tally.breakdown();
  }
}
