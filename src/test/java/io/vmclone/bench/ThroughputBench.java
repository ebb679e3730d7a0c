package io.vmclone.bench;

import io.vmclone.crash.CaseRun;
import io.vmclone.crash.CloneRef;
import io.vmclone.crash.JournalProbe.Tally;
import io.vmclone.crash.Waits;
import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.SourceVm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completed clones per second with 1, 10 and 100 clones in flight, against one leader and the
 * simulator with zero delays: a batch of N clones (one disk each, each of its own source VM) is
 * applied at once, and the batch's rate is N over the time from the first apply to the last
 * COMMITTED journal entry. Every batch is repeated (the first batch of one, which warms the
 * operator up, is not counted); the API requests the operator sent during the batches are counted
 * in the API server's audit log, by batch size.
 */
final class ThroughputBench {

  /** Batch size -> repetitions. */
  static final Map<Integer, Integer> BATCHES = batches();

  /**
   * The completed clones per second of each batch size, the operator's API requests over every
   * batch of each size, and the CPU per clone over the batches of 100.
   */
  record Result(
      Map<Integer, Samples> rates,
      Map<Integer, RequestTally> requests,
      CpuMeter.Reading cpuPerClone) {}

  private final CaseRun run;
  private final RequestCounter counter;
  private final CpuMeter cpu;

  ThroughputBench(CaseRun run, RequestCounter counter, CpuMeter cpu) {
    this.run = run;
    this.counter = counter;
    this.cpu = cpu;
  }

  Result measure() {
    batch(1);
    Map<Integer, Samples> rates = new LinkedHashMap<>();
    Map<Integer, RequestTally> requests = new TreeMap<>();
    CpuMeter.Reading cpuOfHundreds = CpuMeter.Reading.NONE;
    for (Map.Entry<Integer, Integer> batch : BATCHES.entrySet()) {
      List<Double> values = new ArrayList<>();
      for (int rep = 0; rep < batch.getValue(); rep++) {
        counter.drain();
        CpuMeter.Reading before = cpu.read();
        values.add(batch(batch.getKey()));
        CpuMeter.Reading used = cpu.read().minus(before);
        Map<String, Long> sent = counter.drain();
        BenchMain.progress(
            "batch of "
                + batch.getKey()
                + ": "
                + String.format(java.util.Locale.ROOT, "%.2f", values.get(rep))
                + " clones/s, "
                + RequestCounter.perCloneRequests(sent) / batch.getKey()
                + " requests per clone "
                + sent);
        requests.merge(
            batch.getKey(),
            RequestTally.NONE.plus(sent, batch.getKey()),
            (sum, more) -> sum.plus(more.counts(), more.clones()));
        if (batch.getKey() == 100) {
          cpuOfHundreds = cpuOfHundreds.plus(used);
        }
      }
      rates.put(batch.getKey(), new Samples(values));
      BenchMain.progress(
          "throughput at "
              + batch.getKey()
              + " in flight: "
              + rates.get(batch.getKey()).describe(" clones/s", 2));
    }
    int hundreds = requests.getOrDefault(100, RequestTally.NONE).clones();
    return new Result(rates, requests, cpuOfHundreds.dividedBy(hundreds));
  }

  /** Applies n clones at once and waits until all are committed and shown; their rate. */
  private double batch(int n) {
    Instant[] applied = new Instant[1];
    Request small = Request.standard().withVm(SourceVm.SMALL);
    List<CloneRef> clones =
        run.workload().add(Collections.nCopies(n, small), names -> applied[0] = Instant.now());
    Tally committed =
        Waits.value(
            n + " clones to commit",
            Duration.ofSeconds(300),
            () -> {
              Tally tally = run.journal().tally(clones, "COMMITTED");
              return tally.tasks() == n ? tally : null;
            });
    run.awaitTerminal(clones, Duration.ofSeconds(120));
    // the last status patches and events of the batch belong to it, not to the next one
    Waits.sleep(500);
    double seconds = Duration.between(applied[0], committed.latest()).toNanos() / 1e9;
    return n / seconds;
  }

  private static Map<Integer, Integer> batches() {
    Map<Integer, Integer> batches = new LinkedHashMap<>();
    batches.put(1, 5);
    batches.put(10, 3);
    batches.put(100, 3);
    return batches;
  }
}
