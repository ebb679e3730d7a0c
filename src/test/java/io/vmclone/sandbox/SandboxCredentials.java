package io.vmclone.sandbox;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.controlplane.KubeconfigWriter.Cluster;
import io.vmclone.controlplane.KubeconfigWriter.Context;
import io.vmclone.controlplane.Pki;
import io.vmclone.controlplane.User;
import io.vmclone.testing.OperatorInstall;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The files through which everything else reaches the sandbox's control plane, written into the
 * state directory; every one trusts the control plane's CA.
 *
 * <ul>
 *   <li>{@code kubeconfig}: for people, contexts {@code sandbox} (alice, the default), {@code
 *       ci-bot} (the ServiceAccount default/ci-bot, a TokenRequest token) and {@code admin}.
 *   <li>{@code operator-kubeconfig}: the operator's ServiceAccount, as its pod would hold it.
 *   <li>{@code simulator-kubeconfig}: the KubeVirt simulator's ServiceAccount.
 *   <li>{@code webhook-tls/tls.crt|tls.key}: the operators' serving certificate for 127.0.0.1,
 *       issued by the control plane's CA, which the webhook configurations' caBundle is.
 * </ul>
 *
 * ServiceAccount tokens live {@value #TOKEN_DAYS} days (no kubelet rotates them here); deleting the
 * ServiceAccount revokes them at once.
 */
final class SandboxCredentials {

  static final String CI_BOT_NAMESPACE = "default";
  static final String CI_BOT = "ci-bot";
  private static final Logger LOG = Logger.getLogger(SandboxCredentials.class.getName());
  private static final int TOKEN_DAYS = 30;
  private static final Duration TOKEN_LIFETIME = Duration.ofDays(TOKEN_DAYS);

  private final ControlPlane plane;
  private final Path stateDir;

  SandboxCredentials(ControlPlane plane, Path stateDir) {
    this.plane = plane;
    this.stateDir = stateDir;
  }

  /**
   * {@code kubeconfig}. The RBAC manifest creates the ServiceAccount ci-bot; one that does not (a
   * {@code --policy} of your own) gets no ci-bot context.
   */
  Path writeUserKubeconfig() throws IOException {
    List<Context> contexts = new ArrayList<>();
    contexts.add(new Context("sandbox", plane.user("alice").token()));
    try {
      contexts.add(
          new Context(CI_BOT, plane.serviceAccountToken(CI_BOT_NAMESPACE, CI_BOT, TOKEN_LIFETIME)));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      LOG.warning("no ServiceAccount default/ci-bot: the kubeconfig has no ci-bot context");
    }
    contexts.add(new Context(User.ADMIN, plane.user(User.ADMIN).token()));
    Path file = stateDir.resolve("kubeconfig");
    KubeconfigWriter.write(file, cluster(), "default", contexts);
    return file;
  }

  /** {@code operator-kubeconfig}: the chart's ServiceAccount vmclone-system/vmclone-operator. */
  Path writeOperatorKubeconfig() throws IOException {
    return writeAccountKubeconfig(
        "operator-kubeconfig", OperatorInstall.NAMESPACE, OperatorInstall.SERVICE_ACCOUNT);
  }

  /** {@code simulator-kubeconfig}: the simulator's ServiceAccount. */
  Path writeSimulatorKubeconfig() throws IOException {
    return writeAccountKubeconfig(
        "simulator-kubeconfig",
        SandboxCluster.SIMULATOR_NAMESPACE,
        SandboxCluster.SIMULATOR_ACCOUNT);
  }

  /**
   * {@code webhook-tls/tls.crt} and {@code tls.key}, and the CA that signed them ({@code ca.crt},
   * the caBundle of the simulator's webhooks); returns the folder.
   */
  Path writeWebhookCertificate() throws IOException {
    Pki.KeyAndCertificate serving =
        plane.pki().issueServing("vmclone-operator-webhook", List.of("localhost", "127.0.0.1"));
    Path folder = Files.createDirectories(stateDir.resolve("webhook-tls"));
    Files.writeString(folder.resolve("tls.crt"), serving.certificatePem());
    Files.writeString(folder.resolve("ca.crt"), plane.pki().caPem());
    Path key = folder.resolve("tls.key");
    Files.deleteIfExists(key);
    Files.createFile(
        key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(key, serving.privateKeyPem());
    return folder;
  }

  private Path writeAccountKubeconfig(String fileName, String namespace, String account)
      throws IOException {
    String token = plane.serviceAccountToken(namespace, account, TOKEN_LIFETIME);
    Path file = stateDir.resolve(fileName);
    KubeconfigWriter.write(file, cluster(), namespace, List.of(new Context(account, token)));
    return file;
  }

  private Cluster cluster() {
    return new Cluster("sandbox", plane.url(), Optional.of(plane.pki().caPem()));
  }
}
