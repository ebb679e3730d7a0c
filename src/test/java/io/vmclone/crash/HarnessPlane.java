package io.vmclone.crash;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.Binaries;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.Pki;
import io.vmclone.controlplane.User;
import io.vmclone.testing.KubeVirtCrds;
import io.vmclone.testing.OperatorInstall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The real control plane of one harness run (etcd, kube-apiserver, kube-controller-manager; see
 * {@link ControlPlane}), shared by its cases, each of which takes a namespace of its own: the clone
 * CRD and KubeVirt's and CDI's CRDs installed, the operator's namespace and ServiceAccount with
 * exactly the chart's RBAC ({@code k8s/rbac.yaml}), the requester ClusterRole of {@code
 * examples/rbac/clone-requester.yaml}, and one serving certificate for the operators' webhooks. Its
 * logs, the audit log among them, stay in {@code <out>/control-plane/logs/}.
 */
public final class HarnessPlane implements AutoCloseable {

  private final ControlPlane plane;
  private final KubernetesClient admin;
  private final Path webhookTls;

  private HarnessPlane(ControlPlane plane, KubernetesClient admin, Path webhookTls) {
    this.plane = plane;
    this.admin = admin;
    this.webhookTls = webhookTls;
  }

  /** Starts and seeds the control plane (a few seconds once the binaries are built). */
  public static HarnessPlane start(Layout layout) {
    ControlPlane plane =
        ControlPlane.start(
            ControlPlane.Settings.in(layout.out().resolve("control-plane")).keepingLogs(),
            Binaries.locate());
    KubernetesClient admin = plane.client(User.ADMIN);
    try {
      ClusterSeeder seeder = new ClusterSeeder(admin);
      seeder.storeCrds(layout.cloneCrds());
      seeder.storeCrds(KubeVirtCrds.crds());
      OperatorInstall.applyChartRbac(admin, layout.root());
      OperatorInstall.applyRequesterPolicy(admin, layout.root());
      for (HasMetadata role : load(admin, layout.requesterRole())) {
        admin.resource(role).createOr(NonDeletingOperation::update);
      }
      Path tls = writeServingCertificate(plane.pki(), layout.out().resolve("webhook-tls"));
      return new HarnessPlane(plane, admin, tls);
    } catch (IOException | RuntimeException e) {
      admin.close();
      plane.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public ControlPlane plane() {
    return plane;
  }

  /** The cluster admin (system:masters); shared, do not close it. */
  public KubernetesClient admin() {
    return admin;
  }

  /** The operators' webhook serving certificate ({@code tls.crt}, {@code tls.key}). */
  public Path webhookTls() {
    return webhookTls;
  }

  @Override
  public void close() {
    admin.close();
    plane.close();
  }

  private static Path writeServingCertificate(Pki pki, Path folder) throws IOException {
    Pki.KeyAndCertificate serving =
        pki.issueServing("vmclone-operator-webhook", List.of("localhost", "127.0.0.1"));
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("tls.crt"), serving.certificatePem());
    Files.writeString(folder.resolve("tls.key"), serving.privateKeyPem());
    return folder;
  }

  private static List<HasMetadata> load(KubernetesClient client, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Objects.requireNonNull(client.load(in).items());
    }
  }
}
