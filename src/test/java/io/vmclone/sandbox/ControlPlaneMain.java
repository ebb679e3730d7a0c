package io.vmclone.sandbox;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.Binaries;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.User;
import io.vmclone.testing.TcpProxy;
import io.vmclone.testing.WebhookRegistration;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The sandbox's Kubernetes: a real control plane ({@link ControlPlane}: etcd, kube-apiserver,
 * kube-controller-manager) on 127.0.0.1 and a fixed port, its folder {@code control-plane/} in the
 * state directory (the logs in {@code control-plane/logs/} survive a stop; the rest starts fresh
 * every time). It installs what a cluster with the operator has ({@link SandboxCluster}), writes
 * the kubeconfigs and the webhook certificate ({@link SandboxCredentials}), registers the
 * operator's admission webhooks, prints a line starting with {@value #READY} and runs until it is
 * stopped; SIGTERM stops the control plane's processes cleanly.
 *
 * <p>The webhooks (cluster-wide, as the chart registers them) call a "webhook Service": a {@link
 * TcpProxy} on {@code --webhook-port} that forwards each connection to the operator replicas (their
 * {@code --replica-https-port}s) in turn, skipping one that does not answer; TLS passes through to
 * the replica. Without {@code --webhook-port} no webhook is registered.
 *
 * <pre>
 * java -cp ... io.vmclone.sandbox.ControlPlaneMain --api-port 16080 --state-dir .sandbox \
 *     --repository . --policy examples/sandbox/rbac.yaml \
 *     --webhook-port 16081 --replica-https-port 16082 --replica-https-port 16083
 * </pre>
 */
public final class ControlPlaneMain {

  static final String READY = "sandbox control plane ready";

  static {
    SandboxLogging.configure();
  }

  private static final Logger LOG = Logger.getLogger(ControlPlaneMain.class.getName());
  private static final String WEBHOOKS_NAME = "vmclone-operator";

  /** A sandbox may run for days: keep the audit log (every request) to 2 x 100 MB. */
  private static final List<String> AUDIT_ROTATION =
      List.of("--audit-log-maxsize=100", "--audit-log-maxbackup=1");

  record Options(
      int apiPort,
      Path stateDir,
      Path repository,
      Path policy,
      int webhookPort,
      List<Integer> replicaHttpsPorts) {

    static Options parse(String[] args) {
      CommandLine flags =
          CommandLine.parse(
              args,
              Set.of(
                  "api-port",
                  "state-dir",
                  "repository",
                  "policy",
                  "webhook-port",
                  "replica-https-port"));
      Path repository = Path.of(flags.value("repository", ".")).toAbsolutePath().normalize();
      Options options =
          new Options(
              flags.integer("api-port", 16080),
              Path.of(flags.value("state-dir", ".sandbox")).toAbsolutePath(),
              repository,
              repository.resolve(flags.value("policy", "examples/sandbox/rbac.yaml")),
              flags.integer("webhook-port", 0),
              flags.all("replica-https-port").stream().map(Integer::parseInt).toList());
      if (!Files.isReadable(options.policy())) {
        throw new IllegalArgumentException("cannot read the RBAC manifest " + options.policy());
      }
      if (options.webhookPort() != 0 && options.replicaHttpsPorts().isEmpty()) {
        throw new IllegalArgumentException(
            "--webhook-port needs at least one --replica-https-port");
      }
      return options;
    }
  }

  private ControlPlaneMain() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path folder = options.stateDir().resolve("control-plane");
    clearAllButLogs(folder);
    ControlPlane plane =
        ControlPlane.start(
            ControlPlane.Settings.in(folder)
                .withApiPort(options.apiPort())
                .withUsers(
                    List.of(User.of(User.ADMIN, "system:masters"), User.of("alice", "developers")))
                .withApiServerArgs(AUDIT_ROTATION)
                .keepingLogs(),
            Binaries.locate());
    KubernetesClient admin = plane.client(User.ADMIN);
    Optional<TcpProxy> webhookService = Optional.empty();
    try {
      install(plane, admin, options);
      webhookService = registerWebhooks(plane, admin, options);
      writeCredentials(plane, options.stateDir());
    } catch (IOException | RuntimeException failure) {
      webhookService.ifPresent(TcpProxy::close);
      admin.close();
      plane.close();
      throw failure;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Optional<TcpProxy> service = webhookService;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.ifPresent(TcpProxy::close);
                  admin.close();
                  plane.close();
                  stopped.countDown();
                },
                "control-plane-shutdown"));
    System.out.printf(
        "%s: kubectl -> %s, webhook Service -> %s%n",
        READY,
        plane.url(),
        service.map(proxy -> "https://127.0.0.1:" + proxy.port()).orElse("none"));
    System.out.flush();
    stopped.await();
  }

  private static void install(ControlPlane plane, KubernetesClient admin, Options options)
      throws IOException {
    SandboxCluster cluster = new SandboxCluster(plane, admin, options.repository());
    cluster.installCrds();
    cluster.installOperatorAccount();
    cluster.installSimulatorAccount();
    cluster.applyIdentity(options.policy());
    cluster.applySamples();
  }

  private static void writeCredentials(ControlPlane plane, Path stateDir) throws IOException {
    SandboxCredentials credentials = new SandboxCredentials(plane, stateDir);
    credentials.writeWebhookCertificate();
    credentials.writeOperatorKubeconfig();
    credentials.writeSimulatorKubeconfig();
    // Last: once kubectl's kubeconfig exists, everything is installed and registered.
    credentials.writeUserKubeconfig();
  }

  /**
   * The operator's webhook configurations, cluster-wide, calling the webhook Service. (The
   * simulator registers its own, KubeVirt's and CDI's, when it starts: {@code SimulatorMain}.)
   */
  private static Optional<TcpProxy> registerWebhooks(
      ControlPlane plane, KubernetesClient admin, Options options) {
    if (options.webhookPort() == 0) {
      LOG.warning(
          "no --webhook-port (scripts/sandbox up --no-webhooks): no admission webhooks registered;"
              + " clones carry no requester unless the client writes its own, which the requester"
              + " policy checks");
      return Optional.empty();
    }
    TcpProxy service = new TcpProxy(options.webhookPort(), options.replicaHttpsPorts());
    WebhookRegistration.register(
        admin,
        options.repository(),
        WEBHOOKS_NAME,
        URI.create("https://127.0.0.1:" + service.port()),
        plane.pki().caPem(),
        Optional.empty());
    LOG.info(
        "admission webhooks -> https://127.0.0.1:"
            + service.port()
            + " -> replicas on "
            + options.replicaHttpsPorts());
    return Optional.of(service);
  }

  /**
   * A fresh control plane each time (a stale etcd would hold objects of another CA and signing
   * key); the previous run's logs become {@code NAME.log.1}.
   */
  private static void clearAllButLogs(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("logs")).toList()) {
        try (Stream<Path> tree = Files.walk(entry)) {
          for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
    Path logs = folder.resolve("logs");
    if (Files.isDirectory(logs)) {
      try (Stream<Path> files = Files.list(logs)) {
        for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
          Files.move(
              log,
              log.resolveSibling(log.getFileName() + ".1"),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
