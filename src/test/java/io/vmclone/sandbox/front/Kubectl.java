package io.vmclone.sandbox.front;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the machine's kubectl against one kubeconfig, with a private discovery cache. */
final class Kubectl {

  static final Path BINARY = Path.of("/usr/bin/kubectl");

  /** What one kubectl call printed. */
  record Result(int exitCode, String out, String err) {}

  private final Path kubeconfig;
  private final Path cacheDir;

  Kubectl(Path kubeconfig, Path cacheDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Runs kubectl with the given arguments and standard input; gives up after a minute. */
  Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
    Process process = start(args);
    try (var in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not end");
    }
    return new Result(process.exitValue(), out, err);
  }

  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput("", args);
  }

  /** Starts a long-running kubectl (e.g. {@code get -w}); the caller reads and destroys it. */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  static BufferedReader lines(Process process) {
    return new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Reads lines until one contains the text; null if the output ends first. */
  static String awaitLine(BufferedReader lines, String text) throws IOException {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.contains(text)) {
        return line;
      }
    }
    return null;
  }
}
