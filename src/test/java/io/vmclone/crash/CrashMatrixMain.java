package io.vmclone.crash;

import io.vmclone.testing.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The crash harness (issue 3, points 6 and 7): runs the crash matrix and the failure scenarios
 * against real operator processes, a real control plane (kube-apiserver, etcd,
 * kube-controller-manager; a namespace per case), a real PostgreSQL and the KubeVirt simulator,
 * prints one row per case and {@code N passed, M failed}, and exits non-zero when any case failed.
 * Use {@code scripts/crash-matrix}; see {@link HarnessOptions#USAGE}.
 */
public final class CrashMatrixMain {

  static {
    HarnessLogging.configure();
  }

  private CrashMatrixMain() {}

  public static void main(String[] args) {
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(HarnessOptions.USAGE);
      System.exit(2);
      return;
    }
    Layout layout = Layout.of(options.root());
    try {
      layout.check();
      FreshFolder.recreate(layout.out());
    } catch (RuntimeException e) {
      System.err.println("crash-matrix: " + e.getMessage());
      System.exit(2);
      return;
    }
    boolean passed = run(options, layout);
    System.exit(passed ? 0 : 1);
  }

  private static boolean run(HarnessOptions options, Layout layout) {
    long start = System.nanoTime();
    Report report = new Report(System.out);
    try (HarnessPlane plane = HarnessPlane.start(layout);
        PostgresServer postgres = PostgresServer.create(layout.out().resolve("pgdata"))) {
      // pg_ctl runs the server as a daemon: a harness stopped by a signal must stop it too.
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-postgres"));
      Bench bench = new Bench(layout, plane, postgres, options.fullNumbers(), options.keepLogs());
      CaseRunner runner = new CaseRunner(bench);
      report.header();
      List<Duration> failovers = new ArrayList<>();
      for (CrashPoint point : options.crashPoints()) {
        report.add(runner.run("crash " + point, Paces.matrix(), new MatrixCase(point, failovers)));
      }
      report.measured(
          "kill -9 failover of the matrix (lease "
              + OperatorSettings.LEASE_DURATION
              + ", renew "
              + OperatorSettings.RENEW_DEADLINE
              + ", retry "
              + OperatorSettings.RETRY_PERIOD
              + ")",
          failovers);
      List<Duration> handovers = new ArrayList<>();
      List<Duration> scenarioFailovers = new ArrayList<>();
      for (String name : options.scenarios()) {
        Scenario scenario = Scenarios.create(name, bench, handovers, scenarioFailovers);
        report.add(runner.run("scenario " + name, scenario.pace(), scenario));
      }
      report.measured("SIGTERM handover", handovers);
      report.measured("kill -9 failover in sigterm-handover", scenarioFailovers);
    }
    return report.finish(Duration.ofNanos(System.nanoTime() - start));
  }
}
