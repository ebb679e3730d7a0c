package io.vmclone.crash;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.simulator.KubeVirtSimulator;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TcpProxy;
import io.vmclone.testing.WebhookRegistration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One case's share of the run's control plane ({@link HarnessPlane}), as an installation in a
 * cluster would see it: a namespace of its own, where the case's clones, VMs and requesters live; a
 * Lease of its own in the operator's namespace (the chart grants Leases only there); the operators'
 * kubeconfig with a token of the chart's ServiceAccount; the admission webhooks registered for the
 * namespace and served by the replicas over HTTPS behind a {@link TcpProxy} that plays the
 * webhook's Service; the KubeVirt simulator on the admin's client; and the case's database.
 */
public final class Cluster implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Cluster.class.getName());

  /** The replica names a case may start; each serves its webhooks on a port of its own. */
  public static final List<String> REPLICAS = List.of("operator-1", "operator-2");

  private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

  private final HarnessPlane harness;
  private final String namespace;
  private final Path caseDir;
  private final CaseDatabase database;
  private final Map<String, Integer> webhookPorts = new LinkedHashMap<>();
  // set up by setUp(), in this order; close() undoes what was set up
  private CaseRequesters requesters;
  private String operatorToken;
  private Path kubeconfig;
  private TcpProxy webhookService;
  private WebhookRegistration webhooks;
  private KubeVirtSimulator simulator;

  private Cluster(HarnessPlane harness, String namespace, Path caseDir, CaseDatabase database) {
    this.harness = harness;
    this.namespace = namespace;
    this.caseDir = caseDir;
    this.database = database;
  }

  /** Sets up the case's namespace, identities, webhooks and simulator. */
  public static Cluster start(
      Path caseDir,
      HarnessPlane harness,
      Layout layout,
      String namespace,
      SimulatorSettings pace,
      CaseDatabase db) {
    Cluster cluster = new Cluster(harness, namespace, caseDir, db);
    try {
      cluster.setUp(layout, pace);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void setUp(Layout layout, SimulatorSettings pace) {
    ControlPlane plane = harness.plane();
    new ClusterSeeder(harness.admin()).ensureNamespace(namespace);
    requesters = CaseRequesters.grant(plane, harness.admin(), namespace);
    operatorToken = OperatorInstall.token(plane, TOKEN_LIFETIME);
    kubeconfig = caseDir.resolve("kubeconfig");
    writeKubeconfig(kubeconfig, plane.url(), plane, namespace, operatorToken);
    REPLICAS.forEach(replica -> webhookPorts.put(replica, HarnessPorts.next()));
    webhookService = new TcpProxy(0, List.copyOf(webhookPorts.values()));
    webhooks =
        WebhookRegistration.register(
            harness.admin(),
            layout.root(),
            "vmclone-" + namespace,
            URI.create("https://127.0.0.1:" + webhookService.port()),
            plane.pki().caPem(),
            Optional.of(namespace));
    simulator = new KubeVirtSimulator(harness.admin(), pace).start();
  }

  /** The case's namespace: the operators watch it alone, and the webhooks see only it. */
  public String namespace() {
    return namespace;
  }

  /** The case's leader Lease, in the operator's namespace. */
  public String leaseName() {
    return "vmclone-operator-" + namespace;
  }

  /** The cluster admin; shared, do not close it. */
  public KubernetesClient client() {
    return harness.admin();
  }

  public HarnessPlane harness() {
    return harness;
  }

  /** The operators' kubeconfig: the API server, its CA and a token of the chart's account. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** A kubeconfig like {@link #kubeconfig()} for another server (a proxy in front of it). */
  public Path kubeconfigVia(URI server) {
    Path file = caseDir.resolve("kubeconfig-" + server.getPort());
    writeKubeconfig(file, server, harness.plane(), namespace, operatorToken);
    return file;
  }

  /** The HTTPS port on which the replica of that name serves the webhooks. */
  public int webhookPort(String replica) {
    Integer port = webhookPorts.get(replica);
    if (port == null) {
      throw new IllegalArgumentException("no webhook port for replica " + replica);
    }
    return port;
  }

  public Path webhookTls() {
    return harness.webhookTls();
  }

  public CaseRequesters requesters() {
    return requesters;
  }

  public CaseDatabase database() {
    return database;
  }

  /**
   * Replaces the simulator with one of another pace; transfers in progress resume from the progress
   * they show (the benchmark lets copies finish once recovery is measured).
   */
  public synchronized void repace(SimulatorSettings pace) {
    simulator.close();
    simulator = new KubeVirtSimulator(harness.admin(), pace).start();
  }

  /**
   * Stops the simulator, removes the webhooks and deletes the namespace ({@link NamespaceSweep}).
   */
  @Override
  public synchronized void close() {
    if (simulator != null) {
      quietly("stopping the simulator", simulator::close);
    }
    if (webhooks != null) {
      quietly("removing the webhooks", webhooks::remove);
    }
    if (webhookService != null) {
      quietly("closing the webhook Service", webhookService::close);
    }
    if (requesters != null) {
      quietly("closing the requesters' clients", requesters::close);
    }
    quietly(
        "emptying namespace " + namespace,
        () -> NamespaceSweep.sweep(harness.admin(), namespace, Duration.ofMinutes(5)));
  }

  private static void quietly(String what, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      LOG.warning(what + " failed: " + e);
    }
  }

  static void writeKubeconfig(
      Path file, URI server, ControlPlane plane, String namespace, String token) {
    try {
      KubeconfigWriter.write(
          file,
          new KubeconfigWriter.Cluster("crash-matrix", server, Optional.of(plane.pki().caPem())),
          namespace,
          List.of(new KubeconfigWriter.Context(OperatorInstall.SERVICE_ACCOUNT, token)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
