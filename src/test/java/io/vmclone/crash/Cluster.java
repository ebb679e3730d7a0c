package io.vmclone.crash;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.sandbox.SandboxMockServer;
import io.vmclone.sandbox.identity.PolicyFile;
import io.vmclone.sandbox.identity.SandboxIdentity;
import io.vmclone.simulator.KubeVirtSimulator;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.KubeVirtCrds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The cluster of one case, in the harness's JVM: the fabric8 mock API server (CRUD mode, over HTTP
 * on 127.0.0.1) with the clone CRD and KubeVirt's CRDs stored, namespace {@code default}, the
 * sandbox's identity APIs (SubjectAccessReview, TokenRequest, TokenReview from its policy file,
 * whose ServiceAccounts it creates), the KubeVirt simulator, a kubeconfig for the operator
 * processes, and the case's database.
 */
public final class Cluster implements AutoCloseable {

  public static final String NAMESPACE = "default";

  private final SandboxMockServer mock;
  private KubeVirtSimulator simulator;
  private final Path kubeconfig;
  private final CaseDatabase database;

  private Cluster(
      SandboxMockServer mock, KubeVirtSimulator simulator, Path kubeconfig, CaseDatabase db) {
    this.mock = mock;
    this.simulator = simulator;
    this.kubeconfig = kubeconfig;
    this.database = db;
  }

  public static Cluster start(
      Path caseDir, Layout layout, SimulatorSettings pace, CaseDatabase db) {
    SandboxMockServer mock = SandboxMockServer.start(0);
    try {
      ClusterSeeder seeder = ClusterSeeder.forMock(mock.client());
      seeder.storeCrds(layout.cloneCrds());
      KubeVirtCrds.install(mock.client());
      seeder.ensureNamespace(NAMESPACE);
      SandboxIdentity.install(mock, PolicyFile.load(layout.policy()), Clock.systemUTC());
      Path kubeconfig = caseDir.resolve("kubeconfig");
      KubeconfigWriter.writeForOperator(kubeconfig, "crash-matrix", mock.baseUri(), NAMESPACE);
      KubeVirtSimulator simulator = new KubeVirtSimulator(mock.client(), pace).start();
      return new Cluster(mock, simulator, kubeconfig, db);
    } catch (IOException e) {
      mock.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      mock.close();
      throw e;
    }
  }

  /**
   * Replaces the simulator with one of another pace; transfers in progress resume from the progress
   * they show (the benchmark lets copies finish once recovery is measured).
   */
  public synchronized void repace(SimulatorSettings pace) {
    simulator.close();
    simulator = new KubeVirtSimulator(mock.client(), pace).start();
  }

  public KubernetesClient client() {
    return mock.client();
  }

  public SandboxMockServer mock() {
    return mock;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public CaseDatabase database() {
    return database;
  }

  @Override
  public synchronized void close() {
    simulator.close();
    mock.close();
  }
}
