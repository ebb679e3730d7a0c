package io.vmclone.sandbox;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.testing.KubeVirtCrds;
import io.vmclone.testing.OperatorInstall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * What the sandbox installs into its fresh control plane, as an administrator would install the
 * operator and its neighbours into a cluster: the CRDs, the operator's namespace, ServiceAccount
 * and exactly the chart's RBAC, an account for the KubeVirt simulator (which plays KubeVirt's and
 * CDI's controllers, so it gets their broad rights), the identity manifest and the sample VMs.
 */
final class SandboxCluster {

  /** The simulator's ServiceAccount, as KubeVirt's controllers have one in their namespace. */
  static final String SIMULATOR_NAMESPACE = "kubevirt";

  static final String SIMULATOR_ACCOUNT = "kubevirt-simulator";

  private static final Logger LOG = Logger.getLogger(SandboxCluster.class.getName());

  private final ControlPlane plane;
  private final KubernetesClient admin;
  private final Path repository;

  SandboxCluster(ControlPlane plane, KubernetesClient admin, Path repository) {
    this.plane = plane;
    this.admin = admin;
    this.repository = repository;
  }

  /** The clone CRD ({@code crds/}) and KubeVirt's and CDI's; returns once they are served. */
  void installCrds() throws IOException {
    ClusterSeeder seeder = new ClusterSeeder(admin);
    LOG.info("CRDs: " + seeder.storeCrds(repository.resolve("crds")));
    LOG.info("KubeVirt and CDI CRDs: " + seeder.storeCrds(KubeVirtCrds.crds()));
  }

  /** Namespace, ServiceAccount and RBAC of the operator, exactly as {@code k8s/rbac.yaml} says. */
  void installOperatorAccount() {
    OperatorInstall.applyChartRbac(admin, repository);
    OperatorInstall.applyRequesterPolicy(admin, repository);
    LOG.info("operator account " + OperatorInstall.USER + " with the chart's RBAC (k8s/rbac.yaml)");
  }

  /** The simulator's ServiceAccount, bound to cluster-admin (it also installs CRDs if missing). */
  void installSimulatorAccount() {
    new ClusterSeeder(admin).ensureNamespace(SIMULATOR_NAMESPACE);
    admin
        .serviceAccounts()
        .inNamespace(SIMULATOR_NAMESPACE)
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(SIMULATOR_ACCOUNT)
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
    admin
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(SIMULATOR_ACCOUNT)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("cluster-admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withNamespace(SIMULATOR_NAMESPACE)
                .withName(SIMULATOR_ACCOUNT)
                .endSubject()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  /**
   * Applies the requester ClusterRole ({@code examples/rbac/clone-requester.yaml}) and the identity
   * manifest with the built kubectl as the admin, exactly as a user applies an edited manifest
   * later ({@code kubectl --context admin apply -f FILE}).
   */
  void applyIdentity(Path manifest) {
    kubectlApply(List.of(repository.resolve("examples/rbac/clone-requester.yaml"), manifest));
  }

  /** The sample VMs ({@code examples/vms}) in namespace default. */
  void applySamples() throws IOException {
    LOG.info(
        "sample VMs: "
            + new ClusterSeeder(admin).apply(repository.resolve("examples").resolve("vms")));
  }

  private void kubectlApply(List<Path> files) {
    List<String> command =
        new ArrayList<>(
            List.of(
                plane.binaries().kubectl().toString(),
                "--kubeconfig",
                plane.adminKubeconfig().toString(),
                "apply"));
    files.forEach(file -> command.addAll(List.of("-f", file.toString())));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("kubectl apply of " + files + " failed:\n" + output);
      }
      LOG.info("applied " + files + ":\n" + output.strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while applying " + files, e);
    }
  }
}
