package io.vmclone.simulator;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.FreePorts;
import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.controlplane.Pki;
import io.vmclone.controlplane.User;
import io.vmclone.simulator.webhook.SimulatorWebhooks;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator as the sandbox runs it: its own JVM, connected to the real API server through a
 * kubeconfig (the admin's token: it plays cluster controllers), serving KubeVirt's and CDI's
 * admission webhooks, logging transitions, and stopping on SIGTERM.
 */
class SimulatorMainIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void runsAsAProcessWithItsWebhooksUntilSigterm() throws Exception {
    ControlPlane plane = TestControlPlane.get();
    KubeVirtObjects cluster = KubeVirtObjects.asAdmin();
    String ns = TestControlPlane.newNamespace("simulator-main");
    SimulatorWebhooks.label(cluster.client(), ns, ns);
    Path log = dir.resolve("simulator.log");
    Process process = launch(plane, ns, log);
    try {
      await().atMost(PATIENCE).until(() -> Files.readString(log).contains("simulator running"));
      cluster.create(KubeVirtManifests.vm(ns, "proc", "Always"));

      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  cluster
                      .get(VIRTUAL_MACHINE, ns, "proc")
                      .map(vm -> vm.at("/status/printableStatus").asText())
                      .orElse(""),
              "Running"::equals);
      // the transition is logged after the status write returns: wait for the line too
      await()
          .atMost(PATIENCE)
          .until(() -> Files.readString(log).contains("VirtualMachine " + ns + "/proc: Running"));
      SimulatorWebhooks.awaitEffective(cluster.client(), ns);
      ObjectNode both = KubeVirtManifests.vm(ns, "both", "Always");
      both.withObjectProperty("spec").put("running", true);
      assertThatThrownBy(() -> cluster.create(both))
          .isInstanceOfSatisfying(
              KubernetesClientException.class,
              e -> {
                assertThat(e.getCode()).isEqualTo(422);
                assertThat(e.getMessage()).contains("mutually exclusive");
              });
    } finally {
      process.destroy();
    }
    assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    assertThat(Files.readAllLines(log))
        .anySatisfy(line -> assertThat(line).endsWith("VirtualMachine " + ns + "/proc: Running"));
    assertThat(
            cluster
                .client()
                .admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .withName(SimulatorMain.WEBHOOK_CONFIGURATION)
                .get())
        .as("the webhook registration goes with the process")
        .isNull();
    cluster.client().namespaces().withName(ns).delete();
  }

  private Process launch(ControlPlane plane, String namespace, Path log) throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    KubeconfigWriter.write(
        kubeconfig,
        new KubeconfigWriter.Cluster("test", plane.url(), Optional.of(plane.pki().caPem())),
        "default",
        List.of(new KubeconfigWriter.Context("simulator", plane.user(User.ADMIN).token())));
    Pki.KeyAndCertificate serving =
        plane.pki().issueServing("kubevirt-simulator", List.of("localhost", "127.0.0.1"));
    Files.writeString(dir.resolve("tls.crt"), serving.certificatePem());
    Files.writeString(dir.resolve("tls.key"), serving.privateKeyPem());
    Files.writeString(dir.resolve("ca.crt"), plane.pki().caPem());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorMain.class.getName(),
                "--snapshot-seconds",
                "0.1",
                "--copy-seconds",
                "1",
                "--vm-start-seconds",
                "0.1",
                "--webhook-port",
                Integer.toString(FreePorts.next()),
                "--tls-cert",
                dir.resolve("tls.crt").toString(),
                "--tls-key",
                dir.resolve("tls.key").toString(),
                "--ca",
                dir.resolve("ca.crt").toString(),
                "--webhook-namespace-label",
                namespace));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }
}
