package io.vmclone.bench;

import io.vmclone.crash.Bench;
import io.vmclone.crash.CaseRun;
import io.vmclone.crash.FreshFolder;
import io.vmclone.crash.HarnessLogging;
import io.vmclone.crash.HarnessPlane;
import io.vmclone.crash.Layout;
import io.vmclone.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark of issue 6 ({@code scripts/bench}): starts PostgreSQL, a real control plane
 * (kube-apiserver, etcd, kube-controller-manager) with the KubeVirt simulator, and real operator
 * JVMs ({@code -Xmx256m}) as the chart's ServiceAccount through the crash harness; measures the
 * journal's and the API server's raw rates, throughput, recovery at scale, incoming work during
 * recovery, failover and footprint, each with its baseline in the same run; prints one table and
 * writes it to {@code docs/benchmarks.md}. Exits 0 when it ran (misses are results, not errors), 2
 * when it could not.
 */
public final class BenchMain {

  static {
    HarnessLogging.configure();
  }

  private static final long STARTED = System.nanoTime();

  /**
   * The operators' JVM as the image runs it (GC_CONTAINER_OPTIONS of src/main/docker/Dockerfile.jvm
   * and the free ratios of its run-java.sh), with the heap of the footprint target.
   */
  static final List<String> OPERATOR_JVM_OPTIONS =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:MaxNewSize=16m",
          "-Xms64m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=20",
          "-Xmx256m");

  private BenchMain() {}

  public static void main(String[] args) {
    Path root = Path.of(".");
    Set<String> only = new HashSet<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[i + 1]);
        case "--only" -> only.addAll(List.of(args[i + 1].split(",")));
        default -> {
          System.err.println("bench: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    Set<String> unknown = new HashSet<>(only);
    unknown.removeAll(Scenarios.PARTS);
    if (!unknown.isEmpty()) {
      System.err.println(
          "bench: unknown part(s) " + unknown + "; the parts are " + Scenarios.PARTS);
      System.exit(2);
    }
    Layout layout =
        Layout.of(root).with(root.toAbsolutePath().resolve("target/bench"), OPERATOR_JVM_OPTIONS);
    try {
      layout.check();
      FreshFolder.recreate(layout.out());
    } catch (RuntimeException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    String load = Machine.load();
    List<Row> rows = new ArrayList<>();
    StringBuilder details = new StringBuilder();
    try (HarnessPlane plane = HarnessPlane.start(layout);
        PostgresServer postgres = PostgresServer.create(layout.out().resolve("pgdata"))) {
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-postgres"));
      Bench bench = new Bench(layout, plane, postgres, true, true);
      Scenarios scenarios = new Scenarios(bench, rows, details);
      scenarios.run(only);
    }
    String duration = String.format(Locale.ROOT, "%.1f min", elapsedSeconds() / 60);
    String generated =
        BenchReport.generated(
            date,
            Machine.describe(),
            load + " (start), " + Machine.load() + " (end)",
            duration,
            rows,
            details.toString());
    System.out.println();
    System.out.println(Table.markdown(rows));
    System.out.println(details.toString().strip());
    System.out.println();
    System.out.println(
        Table.misses(rows)
            + " of "
            + rows.stream().filter(r -> !r.verdict().equals("-")).count()
            + " targets missed; "
            + (only.isEmpty() ? "written to docs/benchmarks.md" : "docs/benchmarks.md left alone")
            + " ("
            + duration
            + ")");
    if (only.isEmpty()) {
      BenchReport.write(layout.root().resolve("docs/benchmarks.md"), generated);
    }
    System.exit(0);
  }

  /** A line on standard error while the benchmark runs, with the time since it started. */
  static void progress(String message) {
    System.err.printf(Locale.ROOT, "[bench %5.0fs] %s%n", elapsedSeconds(), message);
  }

  /** A world of its own for one part of the benchmark, its logs under target/bench. */
  static CaseRun world(Bench bench, String name, io.vmclone.simulator.SimulatorSettings pace) {
    Path dir = bench.layout().out().resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CaseRun(bench, dir, name.substring(0, 2), pace);
  }

  private static double elapsedSeconds() {
    return (System.nanoTime() - STARTED) / 1e9;
  }
}
