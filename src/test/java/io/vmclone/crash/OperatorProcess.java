package io.vmclone.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One operator replica as a real child JVM ({@code java -jar quarkus-run.jar}), its output in a log
 * file. It can be killed ({@code SIGKILL}), terminated ({@code SIGTERM}), paused and resumed
 * ({@code SIGSTOP}/{@code SIGCONT}), and asked for its readiness.
 */
public final class OperatorProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Every process started, so that a harness stopped by a signal leaves none behind. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-operators"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final int managementPort;
  private volatile Instant exitedAt;

  private OperatorProcess(String name, Process process, Path log, int managementPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.managementPort = managementPort;
    LIVE.add(process);
    process
        .onExit()
        .thenRun(
            () -> {
              exitedAt = Instant.now();
              LIVE.remove(process);
            });
  }

  public static OperatorProcess start(
      String name, List<String> command, Map<String, String> env, Path log, int managementPort) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      return new OperatorProcess(name, builder.start(), log, managementPort);
    } catch (IOException e) {
      throw new UncheckedIOException("starting " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public int managementPort() {
    return managementPort;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code once the process has ended (137 for SIGKILL or a crash point's halt). */
  public OptionalInt exitCode() {
    return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
  }

  /** When the harness saw the process end; null while it runs. */
  public Instant exitedAt() {
    return exitedAt;
  }

  /** Waits for the process to end and returns its exit code. */
  public int awaitExit(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new HarnessFailure(name + " did not exit within " + limit.toSeconds() + "s");
      }
      process.onExit().join();
      Waits.until(name + "'s exit to be noted", Duration.ofSeconds(5), () -> exitedAt != null);
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessFailure("interrupted", e);
    }
  }

  /** Waits until the application has started (Quarkus' "started in" line). */
  public void awaitStarted(Duration limit) {
    Waits.until(
        name + " to start",
        limit,
        () -> {
          if (!isAlive()) {
            throw new HarnessFailure(name + " exited while starting: " + tail(15));
          }
          return logContains(" started in ");
        });
  }

  public void kill() {
    process.destroyForcibly();
  }

  public void terminate() {
    process.destroy();
  }

  public void pause() {
    signal("STOP");
  }

  public void resume() {
    signal("CONT");
  }

  /** The HTTP status of /q/health/ready, or -1 when nothing answers. */
  public int readiness() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public boolean logContains(String text) {
    return logText().contains(text);
  }

  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * When the process logged its first line containing the text, from the line's time of day (the
   * operator's log format starts with HH:mm:ss.SSS, in this machine's time zone, today).
   */
  public Optional<Instant> loggedAt(String text) {
    return logText()
        .lines()
        .filter(line -> line.contains(text) && line.length() > 12)
        .findFirst()
        .map(
            line ->
                LocalDate.now()
                    .atTime(LocalTime.parse(line.substring(0, 12)))
                    .atZone(ZoneId.systemDefault())
                    .toInstant());
  }

  /** The last lines of the log, joined, for a failure's detail. */
  public String tail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (kill.waitFor() != 0) {
        throw new HarnessFailure("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessFailure("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
