package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmclone.controlplane.ControlPlane;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stolen token of the operator's ServiceAccount is no key to the cluster: with the chart's RBAC
 * ({@code k8s/rbac.yaml}, plus the token-requests binding the chart renders for one namespace of
 * {@code identity.serviceAccountNamespaces}, plus the impersonation rule of {@code
 * identity.impersonateUsers}), {@code kubectl auth can-i --as} the ServiceAccount on the real
 * control plane says what it may do. Each "no" comes with the nearest "yes", so that the test
 * cannot pass because nothing at all is allowed.
 */
class OperatorRightsIT {

  private static final String AS = "--as=" + OperatorInstall.USER;

  private static String served;
  private static String other;

  @BeforeAll
  static void installTheChartsRights() {
    TestControlPlane.installOperatorRbac();
    served = TestControlPlane.newNamespace("rights-served");
    other = TestControlPlane.newNamespace("rights-other");
    OperatorInstall.grantTokenRequests(TestControlPlane.admin(), served);
    // The authorizer sees a new binding a moment after it is stored.
    await().atMost(Duration.ofSeconds(10)).until(() -> canMintTokensIn(served).equals("yes"));
    ImpersonationRights.grant();
  }

  @AfterAll
  static void revokeImpersonation() {
    ImpersonationRights.revoke();
  }

  @Test
  void mintsTokensOnlyInTheServedNamespacesNeverInKubeSystem() {
    assertThat(canMintTokensIn("kube-system")).isEqualTo("no");
    assertThat(canMintTokensIn(other)).isEqualTo("no");
  }

  @Test
  void touchesSecretsOnlyInItsOwnNamespace() {
    for (String verb : List.of("get", "list", "create", "update", "delete")) {
      assertThat(canI(verb, "secrets", "kube-system")).as(verb).isEqualTo("no");
      assertThat(canI(verb, "secrets", served)).as(verb).isEqualTo("no");
      assertThat(canI(verb, "secrets", other)).as(verb).isEqualTo("no");
      assertThat(canI(verb, "secrets", OperatorInstall.NAMESPACE)).as(verb).isEqualTo("yes");
    }
  }

  @Test
  void cannotImpersonateSystemMastersEvenWithImpersonationOn() {
    assertThat(canI("impersonate", "groups/system:masters", "")).isEqualTo("no");
    assertThat(canI("impersonate", "groups/developers", "")).isEqualTo("no");
    assertThat(canI("impersonate", "serviceaccounts/default", "kube-system")).isEqualTo("no");
    assertThat(canI("impersonate", "users/alice", "")).isEqualTo("yes");
  }

  /** A new leader patches each source's in-recovery annotation; the disks under it it may not. */
  @Test
  void patchesSourcesButNotTheirDisks() {
    for (String source :
        List.of("virtualmachines.kubevirt.io", "virtualmachinesnapshots.snapshot.kubevirt.io")) {
      assertThat(canI("patch", source, served)).as(source).isEqualTo("yes");
    }
    assertThat(canI("patch", "persistentvolumeclaims", served)).isEqualTo("no");
  }

  /** CDI's right to clone out of a namespace: copies across namespaces are the requester's. */
  @Test
  void cannotCopyTheDisksOfAnyNamespace() {
    for (String namespace : List.of("kube-system", served, other)) {
      assertThat(canI("create", "datavolumes.cdi.kubevirt.io", namespace, "--subresource=source"))
          .as(namespace)
          .isEqualTo("no");
    }
  }

  /**
   * {@code kubectl auth can-i create serviceaccounts --subresource=token}: "serviceaccounts/token"
   * would ask about a ServiceAccount named token instead.
   */
  private static String canMintTokensIn(String namespace) {
    return canI("create", "serviceaccounts", namespace, "--subresource=token");
  }

  /** {@code kubectl auth can-i VERB RESOURCE [-n NAMESPACE] --as=<operator>}: yes or no. */
  private static String canI(String verb, String resource, String namespace, String... more) {
    ControlPlane plane = TestControlPlane.get();
    List<String> command =
        new ArrayList<>(
            List.of(
                plane.binaries().kubectl().toString(),
                "--kubeconfig=" + plane.adminKubeconfig(),
                "auth",
                "can-i",
                verb,
                resource,
                AS));
    if (!namespace.isEmpty()) {
      command.addAll(List.of("-n", namespace));
    }
    command.addAll(List.of(more));
    try {
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return answer.strip();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
