package io.vmclone.simulator;

import static io.vmclone.testing.KubeVirtKind.VIRTUAL_MACHINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.MockKubeVirtCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator as the sandbox runs it: its own JVM, connected through a kubeconfig, installing the
 * CRDs, logging transitions, and stopping on SIGTERM.
 */
class SimulatorMainIT {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void runsAsAProcessUntilSigterm() throws Exception {
    try (MockKubeVirtCluster cluster = MockKubeVirtCluster.startWithoutCrds()) {
      Path log = dir.resolve("simulator.log");
      Process process = launch(kubeconfig(cluster.client().getMasterUrl().toString()), log);
      try {
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    cluster
                            .client()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .list()
                            .getItems()
                            .size()
                        == 4);
        await().atMost(PATIENCE).until(() -> Files.readString(log).contains("simulator running"));
        cluster.create(KubeVirtManifests.vm("default", "proc", "Always"));

        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    cluster
                        .get(VIRTUAL_MACHINE, "default", "proc")
                        .map(vm -> vm.at("/status/printableStatus").asText())
                        .orElse(""),
                "Running"::equals);
        // the transition is logged after the status write returns: wait for the line too
        await()
            .atMost(PATIENCE)
            .until(() -> Files.readString(log).contains("VirtualMachine default/proc: Running"));
      } finally {
        process.destroy();
      }
      assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(143);
      assertThat(Files.readAllLines(log))
          .anySatisfy(line -> assertThat(line).endsWith("VirtualMachine default/proc: Running"));
    }
  }

  private Path kubeconfig(String server) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: mock",
            "  cluster:",
            "    server: " + server,
            "contexts:",
            "- name: mock",
            "  context:",
            "    cluster: mock",
            "    user: tester",
            "users:",
            "- name: tester",
            "  user:",
            "    token: not-checked-by-the-mock",
            "current-context: mock",
            ""));
    return file;
  }

  private static Process launch(Path kubeconfig, Path log) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
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
                "0.1"));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return builder.start();
  }
}
