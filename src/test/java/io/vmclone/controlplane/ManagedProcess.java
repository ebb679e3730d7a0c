package io.vmclone.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One server of the control plane (etcd, kube-apiserver, kube-controller-manager) as a child
 * process, its output in a log file.
 *
 * <p>No leftovers: the program runs under a small shell watchdog that ends it when this JVM is
 * gone, however the JVM ended (a {@code kill -9} of a test fork included), and a shutdown hook
 * stops every live one when the JVM exits normally. {@link #stop} asks politely (SIGTERM) and kills
 * after a grace period.
 */
public final class ManagedProcess {

  private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> List.copyOf(LIVE).forEach(p -> p.stop(Duration.ofSeconds(5)))));
  }

  /**
   * Runs "$@" and waits for it; a TERM is passed on; when the JVM whose pid is $1 goes away, the
   * program gets a TERM and, 5 s later, a KILL. The exit code is the program's.
   */
  private static final String WATCHDOG =
      """
      jvm=$1; shift
      "$@" & child=$!
      trap 'kill -TERM $child 2>/dev/null' TERM INT
      while kill -0 $child 2>/dev/null; do
        if ! kill -0 $jvm 2>/dev/null; then
          kill -TERM $child 2>/dev/null; sleep 5; kill -KILL $child 2>/dev/null; exit 1
        fi
        sleep 0.5 & wait $!
      done
      wait $child
      """;

  private final String name;
  private final Process process;
  private final Path log;

  private ManagedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    LIVE.add(this);
    process.onExit().thenRun(() -> LIVE.remove(this));
  }

  /** Starts the command with its output (stdout and stderr) appended to the log file. */
  public static ManagedProcess start(String name, List<String> command, Path log) {
    List<String> wrapped = new ArrayList<>(List.of("bash", "-c", WATCHDOG, name + "-watchdog"));
    wrapped.add(Long.toString(ProcessHandle.current().pid()));
    wrapped.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(wrapped);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    try {
      return new ManagedProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The program's pid (the watchdog's child), or the watchdog's while it has none yet. */
  public long pid() {
    return process.descendants().findFirst().map(ProcessHandle::pid).orElse(process.pid());
  }

  /**
   * SIGTERM, then SIGKILL to the program and its watchdog once the grace period has passed; waits
   * until both are gone.
   */
  public void stop(Duration grace) {
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
      for (ProcessHandle descendant : tree) {
        descendant.onExit().get(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception stillThere) {
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** The last lines of the log, for a failure's message. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }
}
