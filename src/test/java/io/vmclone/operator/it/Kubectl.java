package io.vmclone.operator.it;

import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.KubeconfigWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The kubectl the build makes, run as one requester against the JVM's control plane with a
 * kubeconfig of its own (readable by its owner only, in {@code target/}), as a person or a pipeline
 * runs it. The requester's token stays in that file: it is never on a command line or in output.
 */
final class Kubectl {

  /** What kubectl answered. */
  record Result(int exitCode, String stdout, String stderr) {

    boolean succeeded() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + ", stdout: " + stdout.strip() + ", stderr: " + stderr.strip();
    }
  }

  private static final Duration PROCESS_LIMIT = Duration.ofMinutes(5);

  private final Path binary;
  private final Path kubeconfig;

  private Kubectl(Path binary, Path kubeconfig) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
  }

  /**
   * kubectl as the user whose bearer token is given, the namespace its default.
   *
   * @param folder where the kubeconfig is written
   */
  static Kubectl as(ControlPlane plane, String user, String token, String namespace, Path folder) {
    Path kubeconfig = folder.toAbsolutePath().resolve(user + ".kubeconfig");
    try {
      Files.createDirectories(folder);
      KubeconfigWriter.write(
          kubeconfig,
          new KubeconfigWriter.Cluster(
              "vmclone-test", plane.url(), Optional.of(plane.pki().caPem())),
          namespace,
          List.of(new KubeconfigWriter.Context(user, token)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Kubectl(plane.binaries().kubectl(), kubeconfig);
  }

  /** Runs {@code kubectl ARGS} and waits for it to end. */
  Result run(String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(PROCESS_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not end");
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kubectl", e);
    }
  }
}
