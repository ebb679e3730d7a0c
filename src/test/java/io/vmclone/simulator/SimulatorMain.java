package io.vmclone.simulator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vmclone.testing.KubeVirtCrds;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Runs the {@link KubeVirtSimulator} as a process until SIGTERM, against the API server of the
 * default fabric8 configuration ({@code KUBECONFIG}, or the current context). Installs the KubeVirt
 * CRDs first where they are missing.
 *
 * <pre>
 * java -cp TEST_CLASSPATH io.vmclone.simulator.SimulatorMain \
 *   [--snapshot-seconds 2] [--copy-seconds 20] [--vm-start-seconds 3] \
 *   [--fail-copy-matching REGEX] [--fail-snapshot-matching REGEX]
 * </pre>
 */
public final class SimulatorMain {

  static {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n");
    }
  }

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    SimulatorSettings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: SimulatorMain [--snapshot-seconds N] [--copy-seconds N] [--vm-start-seconds N]"
              + " [--fail-copy-matching REGEX] [--fail-snapshot-matching REGEX]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    KubernetesClient client = new KubernetesClientBuilder().build();
    KubeVirtCrds.install(client);
    KubeVirtSimulator simulator = new KubeVirtSimulator(client, settings).start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  client.close();
                  stopped.countDown();
                },
                "simulator-shutdown"));
    Logger.getLogger("io.vmclone.simulator")
        .info(() -> "KubeVirt simulator running against " + client.getMasterUrl());
    stopped.await();
  }

  /** The settings the command line asks for, on top of {@link SimulatorSettings#defaults()}. */
  static SimulatorSettings parse(String... args) {
    SimulatorSettings defaults = SimulatorSettings.defaults();
    Duration snapshot = defaults.snapshotDelay();
    Duration copy = defaults.copyDuration();
    Duration vmStart = defaults.vmStartDelay();
    String failCopy = null;
    String failSnapshot = null;
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      String value = args[i + 1];
      switch (flag) {
        case "--snapshot-seconds" -> snapshot = seconds(flag, value);
        case "--copy-seconds" -> copy = seconds(flag, value);
        case "--vm-start-seconds" -> vmStart = seconds(flag, value);
        case "--fail-copy-matching" -> failCopy = value;
        case "--fail-snapshot-matching" -> failSnapshot = value;
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    return new SimulatorSettings(snapshot, copy, defaults.progressInterval(), vmStart, null, null)
        .withFailCopyMatching(failCopy)
        .withFailSnapshotMatching(failSnapshot);
  }

  private static Duration seconds(String flag, String value) {
    try {
      double seconds = Double.parseDouble(value);
      if (seconds < 0) {
        throw new IllegalArgumentException(flag + " must not be negative: " + value);
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a number of seconds: " + value);
    }
  }
}
