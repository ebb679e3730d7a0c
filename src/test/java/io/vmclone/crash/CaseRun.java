package io.vmclone.crash;

import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.OperatorInstall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One case's world: its folder under {@code target/crash-matrix}, its cluster and database, its
 * operator processes, and the probes and checks that read them. Closing it kills the operators and
 * stops the cluster.
 */
public final class CaseRun implements AutoCloseable {

  private final Path dir;
  private final Cluster cluster;
  private final Replicas replicas;
  private final JournalProbe journal;
  private final Workload workload;
  private final long auditStart;

  public CaseRun(Bench bench, Path dir, String prefix, SimulatorSettings pace) {
    this.dir = dir;
    CaseDatabase database = CaseDatabase.on(bench.postgres(), prefix);
    this.auditStart = bench.plane().plane().auditLog().end();
    this.cluster =
        Cluster.start(dir, bench.plane(), bench.layout(), "case-" + prefix, pace, database);
    this.replicas = new Replicas(bench.layout(), cluster, dir);
    this.journal = new JournalProbe(database);
    this.workload =
        new Workload(cluster.client(), cluster.requesters(), cluster.namespace(), prefix);
  }

  public Path dir() {
    return dir;
  }

  public Cluster cluster() {
    return cluster;
  }

  public Replicas replicas() {
    return replicas;
  }

  public JournalProbe journal() {
    return journal;
  }

  public Workload workload() {
    return workload;
  }

  public LeaseProbe lease() {
    return new LeaseProbe(cluster.client(), OperatorInstall.NAMESPACE, cluster.leaseName());
  }

  public VirtualMachineClone clone(CloneRef clone) {
    return cluster
        .client()
        .resources(VirtualMachineClone.class)
        .inNamespace(cluster.namespace())
        .withName(clone.name())
        .get();
  }

  /** Waits until every clone shows Succeeded or Failed. */
  public void awaitTerminal(List<CloneRef> clones, Duration limit) {
    Waits.until(
        "every clone to succeed or fail",
        limit,
        Duration.ofMillis(250),
        () -> {
          if (replicas.all().stream().noneMatch(OperatorProcess::isAlive)) {
            throw new HarnessFailure("no operator runs any more");
          }
          return terminal().containsAll(clones.stream().map(CloneRef::name).toList());
        });
  }

  /** Waits until every clone is in the middle of the action (STARTED, not DONE). */
  public void awaitInAction(List<CloneRef> clones, String action, Duration limit) {
    Waits.until(
        "every clone to be in " + action,
        limit,
        Duration.ofMillis(200),
        () -> journal.inAction(clones, action) == clones.size());
  }

  /** The names of the clones whose phase is Succeeded or Failed. */
  private Set<String> terminal() {
    return cluster
        .client()
        .resources(VirtualMachineClone.class)
        .inNamespace(cluster.namespace())
        .list()
        .getItems()
        .stream()
        .filter(c -> c.getStatus() != null && c.getStatus().getPhase() != null)
        .filter(c -> c.getStatus().getPhase().isTerminal())
        .map(c -> c.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /** Checks every clone against what its interruptions demand, and the namespace's VM count. */
  public List<String> check(
      List<CloneRef> clones, List<Interruption> stops, boolean continuousEnabled) {
    InvariantChecker checker = new InvariantChecker(cluster.client(), cluster.namespace(), journal);
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

  /** Whether the API server refused the operators anything since the case began. */
  public List<String> forbidden() {
    return Refusals.since(cluster.harness().plane().auditLog(), auditStart, replicas.all());
  }

  /**
   * The clones' restarts as the journal counts them: "1,1,0" for a few clones, "1x200,0x1" (count
   * of clones per number of restarts) for many.
   */
  public String restarts(List<CloneRef> clones) {
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

  /** The clones' final phases, e.g. "S,S,F:MaxRestartsExceeded", or a count for many. */
  public String outcomes(List<CloneRef> clones) {
    List<String> outcomes = new ArrayList<>();
    for (CloneRef clone : clones) {
      outcomes.add(
          journal
              .task(clone.uid())
              .map(t -> t.state().equals("SUCCESS") ? "S" : "F:" + t.errorReason())
              .orElse("-"));
    }
    if (outcomes.size() <= 6) {
      return String.join(",", outcomes);
    }
    Map<String, Long> histogram = new TreeMap<>();
    outcomes.forEach(outcome -> histogram.merge(outcome, 1L, Long::sum));
    return histogram.toString();
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
