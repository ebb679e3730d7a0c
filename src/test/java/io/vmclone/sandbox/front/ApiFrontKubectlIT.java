package io.vmclone.sandbox.front;

import static io.vmclone.sandbox.front.FrontFixture.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vmclone.controlplane.KubeconfigWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl 1.32 (the machine's {@code /usr/bin/kubectl}) against the API front: the commands the
 * README asks users to type. Skipped, with a message, where kubectl is not installed.
 */
@Timeout(120)
class ApiFrontKubectlIT {

  private static FrontFixture cluster;

  @TempDir Path home;
  private Kubectl kubectl;

  @BeforeAll
  static void start() throws IOException {
    cluster = FrontFixture.start(List.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @BeforeEach
  void kubeconfig() throws IOException {
    assumeTrue(Kubectl.installed(), "kubectl is not installed at " + Kubectl.BINARY + "; skipped");
    Path kubeconfig = home.resolve("kubeconfig");
    KubeconfigWriter.write(kubeconfig, "sandbox", cluster.uri(), "default");
    kubectl = new Kubectl(kubeconfig, home.resolve("cache"));
  }

  @Test
  void apiResourcesListsTheCloneWithItsShortNames() throws Exception {
    Kubectl.Result result = kubectl.run("api-resources");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .containsPattern(
            "virtualmachineclones\\s+vmclone,vmclones,vmc\\s+vmclone.io/v1alpha1\\s+true\\s+VirtualMachineClone")
        .containsPattern("leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease")
        .containsPattern("virtualmachines\\s+vm,vms\\s+kubevirt.io/v1\\s+true\\s+VirtualMachine");
  }

  @Test
  void applyGetDescribeAndDeleteAClone() throws Exception {
    String yaml = MAPPER.writeValueAsString(FrontFixture.cloneManifest("by-kubectl", "cirros"));

    Kubectl.Result created = kubectl.runWithInput(yaml, "apply", "--validate=false", "-f", "-");
    Kubectl.Result unchanged = kubectl.runWithInput(yaml, "apply", "--validate=false", "-f", "-");
    cluster.patchStatus(
        "by-kubectl", Map.of("phase", "Running", "currentStep", "CopyDisks", "progress", 55));
    cluster.createEvent(
        "by-kubectl-started",
        "by-kubectl",
        cluster.clones().withName("by-kubectl").get().getMetadata().getUid());
    Kubectl.Result table = kubectl.run("get", "virtualmachineclones");
    Kubectl.Result jsonPath =
        kubectl.run(
            "get", "vmc", "by-kubectl", "-o", "jsonpath={.status.phase}/{.spec.source.name}");
    Kubectl.Result described = kubectl.run("describe", "vmclone", "by-kubectl");
    Kubectl.Result deleted = kubectl.run("delete", "vmc", "by-kubectl");
    Kubectl.Result gone = kubectl.run("get", "vmc", "by-kubectl");

    assertThat(created.out())
        .as(created.err())
        .contains("virtualmachineclone.vmclone.io/by-kubectl created");
    assertThat(unchanged.out()).contains("virtualmachineclone.vmclone.io/by-kubectl unchanged");
    assertThat(table.out())
        .containsPattern("NAME\\s+PHASE\\s+STEP\\s+PROGRESS\\s+SOURCE\\s+TARGET\\s+RESTARTS\\s+AGE")
        .containsPattern("by-kubectl\\s+Running\\s+CopyDisks\\s+55\\s+cirros\\s+\\d+s");
    assertThat(jsonPath.out()).isEqualTo("Running/cirros");
    assertThat(described.out())
        .containsPattern("Name:\\s+by-kubectl")
        .containsPattern("Current Step:\\s+CopyDisks")
        .containsPattern("Normal\\s+Reason-by-kubectl-started\\s+.*message about by-kubectl");
    assertThat(deleted.out()).contains("virtualmachineclone.vmclone.io \"by-kubectl\" deleted");
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.err()).contains("virtualmachineclones.vmclone.io \"by-kubectl\" not found");
  }

  @Test
  void reapplyingAChangedListReplacesItInsteadOfJoiningIt() throws Exception {
    String first =
        "apiVersion: vmclone.io/v1alpha1\nkind: VirtualMachineClone\n"
            + "metadata: {name: reapplied}\nspec:\n  source: {kind: VirtualMachine, name: fedora}\n"
            + "  labelFilters: ['*']\n  newSMBiosSerial: serial-1\n";
    String second =
        first.replace("['*']", "['*', '!tier']").replace("  newSMBiosSerial: serial-1\n", "");

    kubectl.runWithInput(first, "apply", "--validate=false", "-f", "-");
    Kubectl.Result configured =
        kubectl.runWithInput(second, "apply", "--validate=false", "-f", "-");
    Kubectl.Result spec = kubectl.run("get", "vmc", "reapplied", "-o", "jsonpath={.spec}");

    assertThat(configured.out()).as(configured.err()).contains("reapplied configured");
    assertThat(MAPPER.readTree(spec.out()).path("labelFilters").toString())
        .isEqualTo("[\"*\",\"!tier\"]");
    assertThat(MAPPER.readTree(spec.out()).has("newSMBiosSerial")).isFalse();
  }

  @Test
  void getWatchPrintsARowForEachChange() throws Exception {
    cluster.createClone("watched", "fedora");
    Process watch = kubectl.start("get", "vmclones", "--watch");
    try {
      BufferedReader lines = Kubectl.lines(watch);
      assertThat(Kubectl.awaitLine(lines, "watched")).contains("fedora");

      cluster.patchStatus("watched", Map.of("phase", "Succeeded", "progress", 100));

      assertThat(Kubectl.awaitLine(lines, "Succeeded"))
          .containsPattern("watched\\s+Succeeded\\s+100\\s+fedora");
    } finally {
      watch.destroy();
    }
  }
}
