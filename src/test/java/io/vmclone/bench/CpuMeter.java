package io.vmclone.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vmclone.crash.HarnessFailure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * CPU time spent by the four parties of a benchmark run, from {@code /proc}: the operator process,
 * PostgreSQL (the postmaster, its live backends and the backends it has reaped), the control plane
 * (kube-apiserver, etcd and kube-controller-manager, children of this JVM), and this JVM, which is
 * the rig (the KubeVirt simulator and the benchmark itself). On a machine of two cores their split
 * says who sets the pace.
 */
final class CpuMeter {

  private static final Set<String> CONTROL_PLANE =
      Set.of("kube-apiserver", "etcd", "kube-controller-manager");

  /** CPU seconds of each party at one moment (or spent between two). */
  record Reading(double operator, double postgres, double apiServer, double rig) {

    static final Reading NONE = new Reading(0, 0, 0, 0);

    Reading minus(Reading earlier) {
      return new Reading(
          operator - earlier.operator,
          postgres - earlier.postgres,
          apiServer - earlier.apiServer,
          rig - earlier.rig);
    }

    Reading plus(Reading more) {
      return new Reading(
          operator + more.operator,
          postgres + more.postgres,
          apiServer + more.apiServer,
          rig + more.rig);
    }

    Reading dividedBy(double n) {
      return new Reading(operator / n, postgres / n, apiServer / n, rig / n);
    }
  }

  private static final double TICKS_PER_SECOND = 100.0;

  private final long operatorPid;
  private final Path postgresData;

  CpuMeter(long operatorPid, Path postgresData) {
    this.operatorPid = operatorPid;
    this.postgresData = postgresData;
  }

  Reading read() {
    return new Reading(
        processSeconds(operatorPid, false), postgresSeconds(), controlPlaneSeconds(), rigSeconds());
  }

  /** The control plane's servers: descendants of this JVM (under their watchdog shells). */
  private static double controlPlaneSeconds() {
    return ProcessHandle.current()
        .descendants()
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(
                        command ->
                            CONTROL_PLANE.contains(Path.of(command).getFileName().toString()))
                    .orElse(false))
        .mapToDouble(process -> processSeconds(process.pid(), false))
        .sum();
  }

  private double postgresSeconds() {
    long postmaster;
    try {
      postmaster =
          Long.parseLong(Files.readAllLines(postgresData.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      throw new HarnessFailure("no postmaster.pid in " + postgresData + ": " + e.getMessage(), e);
    }
    double seconds = processSeconds(postmaster, true);
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        long[] stat = stat(process.resolve("stat"));
        if (stat != null && stat[0] == postmaster) {
          seconds += (stat[1] + stat[2]) / TICKS_PER_SECOND;
        }
      }
    } catch (IOException e) {
      throw new HarnessFailure("reading /proc: " + e.getMessage(), e);
    }
    return seconds;
  }

  private static double rigSeconds() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static double processSeconds(long pid, boolean withReapedChildren) {
    long[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat == null) {
      throw new HarnessFailure("no /proc stat for pid " + pid);
    }
    return (stat[1] + stat[2] + (withReapedChildren ? stat[3] + stat[4] : 0)) / TICKS_PER_SECOND;
  }

  /** Parent pid, utime, stime, cutime, cstime of a /proc stat file; null if it is gone. */
  static long[] stat(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException gone) {
      return null;
    }
    return parseStat(text);
  }

  static long[] parseStat(String text) {
    // the command name (field 2) may hold spaces and parentheses; fields count from its end
    String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
    return new long[] {
      Long.parseLong(fields[1]),
      Long.parseLong(fields[11]),
      Long.parseLong(fields[12]),
      Long.parseLong(fields[13]),
      Long.parseLong(fields[14])
    };
  }
}
