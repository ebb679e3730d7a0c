package io.vmclone.crash;

import io.vmclone.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one case in a world of its own and turns whatever happens into a {@link CaseResult}: a
 * verdict with problems, a {@link HarnessFailure} or any other exception fails the case. The folder
 * of a failed case (operator logs, diagnostics) is kept; that of a passed case is removed.
 */
final class CaseRunner {

  private final Bench bench;
  private int cases;

  CaseRunner(Bench bench) {
    this.bench = bench;
  }

  CaseResult run(String name, SimulatorSettings pace, CaseBody body) {
    int number = ++cases;
    Path dir = bench.layout().out().resolve(String.format("%02d-%s", number, fileName(name)));
    long start = System.nanoTime();
    Verdict verdict;
    try {
      Files.createDirectories(dir);
      try (CaseRun run = new CaseRun(bench, dir, "c" + number, pace)) {
        verdict = attempt(run, body).adding(forbidden(run));
        if (!verdict.passed()) {
          Diagnostics.write(run, verdict.problems());
        }
      }
    } catch (IOException | RuntimeException e) {
      verdict = new Verdict(List.of(describe(e)), "-", "");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (verdict.passed() && !bench.keepLogs()) {
      delete(dir);
    }
    String detail =
        verdict.passed()
            ? verdict.detail()
            : String.join("; ", verdict.problems())
                + " (logs: "
                + bench.layout().root().relativize(dir)
                + ")";
    return new CaseResult(name, verdict.passed(), verdict.restarts(), seconds, detail);
  }

  private static Verdict attempt(CaseRun run, CaseBody body) {
    try {
      return body.run(run);
    } catch (Exception e) {
      return new Verdict(List.of(describe(e)), restartsOrDash(run), "");
    }
  }

  /** Every case also proves that the chart's RBAC sufficed for what it made the operator do. */
  private static List<String> forbidden(CaseRun run) {
    try {
      return run.forbidden();
    } catch (RuntimeException e) {
      return List.of("could not read the audit log or the operators' logs: " + e.getMessage());
    }
  }

  private static String restartsOrDash(CaseRun run) {
    try {
      return run.restarts(run.workload().all());
    } catch (RuntimeException e) {
      return "-";
    }
  }

  private static String describe(Exception e) {
    return e instanceof HarnessFailure
        ? e.getMessage()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9-]+", "-");
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
