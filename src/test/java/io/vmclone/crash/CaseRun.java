package io.vmclone.crash;

import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One case's world: its folder under {@code target/crash-matrix}, its cluster and database, its
 * operator processes, and the probes and checks that read them. Closing it kills the operators and
 * stops the cluster.
 */
final class CaseRun implements AutoCloseable {

  private final Path dir;
  private final Cluster cluster;
  private final Replicas replicas;
  private final JournalProbe journal;
  private final Workload workload;

  CaseRun(Bench bench, Path dir, String prefix, SimulatorSettings pace) {
    this.dir = dir;
    CaseDatabase database = bench.postgres().newDatabase(prefix);
    this.cluster = Cluster.start(dir, bench.layout().cloneCrds(), pace, database);
    this.replicas = new Replicas(bench.layout(), cluster, dir);
    this.journal = new JournalProbe(database);
    this.workload = new Workload(cluster.client(), prefix);
  }

  Path dir() {
    return dir;
  }

  Cluster cluster() {
    return cluster;
  }

  Replicas replicas() {
    return replicas;
  }

  JournalProbe journal() {
    return journal;
  }

  Workload workload() {
    return workload;
  }

  LeaseProbe lease() {
    return new LeaseProbe(cluster.client());
  }

  VirtualMachineClone clone(CloneRef clone) {
    return cluster
        .client()
        .resources(VirtualMachineClone.class)
        .inNamespace(Cluster.NAMESPACE)
        .withName(clone.name())
        .get();
  }

  /** Waits until every clone shows Succeeded or Failed. */
  void awaitTerminal(List<CloneRef> clones, Duration limit) {
    Waits.until(
        "every clone to succeed or fail",
        limit,
        () -> {
          if (replicas.all().stream().noneMatch(OperatorProcess::isAlive)) {
            throw new HarnessFailure("no operator runs any more");
          }
          return clones.stream().allMatch(this::isTerminal);
        });
  }

  boolean isTerminal(CloneRef clone) {
    VirtualMachineClone cr = clone(clone);
    return cr != null
        && cr.getStatus() != null
        && cr.getStatus().getPhase() != null
        && cr.getStatus().getPhase().isTerminal();
  }

  /** Checks every clone against what its interruptions demand, and the namespace's VM count. */
  List<String> check(List<CloneRef> clones, List<Interruption> stops, boolean continuousEnabled) {
    InvariantChecker checker = new InvariantChecker(cluster.client(), journal);
    List<String> problems = new ArrayList<>();
    long succeeded = 0;
    for (CloneRef clone : clones) {
      Expectation expected = Expectation.of(clone, stops, continuousEnabled);
      problems.addAll(checker.check(clone, expected));
      succeeded += expected.succeeds() ? 1 : 0;
    }
    problems.addAll(checker.checkVmCount(clones, succeeded));
    return problems;
  }

  /**
   * The clones' restarts as the journal counts them: "1,1,0" for a few clones, "1x200,0x1" (count
   * of clones per number of restarts) for many.
   */
  String restarts(List<CloneRef> clones) {
    List<String> counts = new ArrayList<>();
    for (CloneRef clone : clones) {
      counts.add(journal.task(clone.uid()).map(t -> Integer.toString(t.restarts())).orElse("-"));
    }
    if (counts.size() <= 6) {
      return String.join(",", counts);
    }
    Map<String, Long> histogram = new TreeMap<>();
    counts.forEach(count -> histogram.merge(count, 1L, Long::sum));
    List<String> parts = new ArrayList<>();
    histogram.forEach((count, clonesWith) -> parts.add(count + "x" + clonesWith));
    return String.join(",", parts);
  }

  @Override
  public void close() {
    try {
      replicas.close();
    } finally {
      cluster.close();
    }
  }
}
