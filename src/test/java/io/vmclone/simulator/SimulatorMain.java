package io.vmclone.simulator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import io.vmclone.testing.KubeVirtCrds;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Runs the {@link KubeVirtSimulator} as a process until SIGTERM, against the API server of the
 * default fabric8 configuration ({@code KUBECONFIG}, or the current context), whose user plays
 * KubeVirt's and CDI's controllers (it needs their rights; the admin is fine). Installs the
 * KubeVirt CRDs first where they are missing. With the webhook flags it also serves KubeVirt's and
 * CDI's admission rules and registers them ({@link SimulatorWebhooks}); SIGTERM removes the
 * registration.
 *
 * <pre>
 * java -cp TEST_CLASSPATH io.vmclone.simulator.SimulatorMain \
 *   [--snapshot-seconds 2] [--copy-seconds 20] [--vm-start-seconds 3] \
 *   [--fail-copy-matching REGEX] [--fail-snapshot-matching REGEX] \
 *   [--webhook-port PORT --tls-cert CERT.pem --tls-key KEY.pem --ca CA.pem \
 *    [--webhook-namespace-label VALUE]]
 * </pre>
 */
public final class SimulatorMain {

  /** The name of the ValidatingWebhookConfiguration the process registers. */
  static final String WEBHOOK_CONFIGURATION = "kubevirt-simulator";

  static {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty(
          "java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s [%3$s] %5$s%6$s%n");
    }
  }

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> flags;
    SimulatorSettings settings;
    Optional<WebhookFlags> webhookFlags;
    try {
      flags = flags(args);
      settings = settings(flags);
      webhookFlags = WebhookFlags.from(flags);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(
          "usage: SimulatorMain [--snapshot-seconds N] [--copy-seconds N] [--vm-start-seconds N]"
              + " [--fail-copy-matching REGEX] [--fail-snapshot-matching REGEX]"
              + " [--webhook-port PORT --tls-cert FILE --tls-key FILE --ca FILE"
              + " [--webhook-namespace-label VALUE]]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    KubernetesClient client = new KubernetesClientBuilder().build();
    KubeVirtCrds.installAndAwait(client);
    KubeVirtSimulator simulator = new KubeVirtSimulator(client, settings);
    webhookFlags.ifPresent(webhooks -> simulator.withWebhooks(serve(webhooks, client)));
    simulator.start();
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
    Map<String, String> flags = flags(args);
    SimulatorSettings settings = settings(flags);
    WebhookFlags.from(flags);
    return settings;
  }

  private static SimulatorWebhooks serve(WebhookFlags flags, KubernetesClient client) {
    SimulatorWebhooks webhooks =
        SimulatorWebhooks.start(flags.serving(), flags.caPem(), flags.port(), client);
    webhooks.register(
        client,
        WEBHOOK_CONFIGURATION,
        flags.namespaceLabel().map(SimulatorWebhooks::labelled).orElse(null));
    Logger.getLogger("io.vmclone.simulator")
        .info(() -> "KubeVirt and CDI admission webhooks served at " + webhooks.url());
    return webhooks;
  }

  private static Map<String, String> flags(String... args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value for " + flag);
      }
      flags.put(flag, args[i + 1]);
    }
    return flags;
  }

  private static SimulatorSettings settings(Map<String, String> flags) {
    SimulatorSettings defaults = SimulatorSettings.defaults();
    Duration snapshot = defaults.snapshotDelay();
    Duration copy = defaults.copyDuration();
    Duration vmStart = defaults.vmStartDelay();
    String failCopy = null;
    String failSnapshot = null;
    for (Map.Entry<String, String> entry : flags.entrySet()) {
      String flag = entry.getKey();
      String value = entry.getValue();
      switch (flag) {
        case "--snapshot-seconds" -> snapshot = seconds(flag, value);
        case "--copy-seconds" -> copy = seconds(flag, value);
        case "--vm-start-seconds" -> vmStart = seconds(flag, value);
        case "--fail-copy-matching" -> failCopy = value;
        case "--fail-snapshot-matching" -> failSnapshot = value;
        case WebhookFlags.PORT,
            WebhookFlags.CERT,
            WebhookFlags.KEY,
            WebhookFlags.CA,
            WebhookFlags.NAMESPACE_LABEL -> {
          // read by WebhookFlags
        }
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
