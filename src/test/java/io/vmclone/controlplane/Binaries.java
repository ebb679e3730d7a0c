package io.vmclone.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The folder with kube-apiserver, kube-controller-manager, kubectl and etcd, built from Go modules
 * by {@code controlplane/build} into a cache outside the checkout. The environment variable {@value
 * #OVERRIDE} names a folder to use instead (the sandbox script resolves it once and passes it on).
 */
public record Binaries(Path folder) {

  public static final String OVERRIDE = "VMCLONE_CONTROLPLANE_BIN";
  private static final List<String> PROGRAMS =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kubectl");

  public Binaries {
    for (String program : PROGRAMS) {
      if (!Files.isExecutable(folder.resolve(program))) {
        throw new IllegalStateException(
            "no " + program + " in " + folder + ": run controlplane/build (it needs Go 1.26)");
      }
    }
  }

  /**
   * The override if set; else what {@code controlplane/build} prints, building first if the cache
   * lacks it (minutes, once; its progress goes to this process's standard error).
   */
  public static Binaries locate() {
    String override = System.getenv(OVERRIDE);
    if (override != null && !override.isBlank()) {
      return new Binaries(Path.of(override));
    }
    return new Binaries(runBuild(repositoryRoot().resolve("controlplane/build")));
  }

  public Path etcd() {
    return folder.resolve("etcd");
  }

  public Path apiServer() {
    return folder.resolve("kube-apiserver");
  }

  public Path controllerManager() {
    return folder.resolve("kube-controller-manager");
  }

  public Path kubectl() {
    return folder.resolve("kubectl");
  }

  /** The checkout: the nearest folder up from the working directory with controlplane/build. */
  public static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("controlplane/build"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no controlplane/build above " + Path.of("").toAbsolutePath() + "; run from the checkout");
  }

  private static Path runBuild(Path script) {
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(script + " failed (its output is above)");
      }
      List<String> lines = out.lines().filter(line -> !line.isBlank()).toList();
      return Path.of(lines.get(lines.size() - 1).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the control plane", e);
    }
  }
}
