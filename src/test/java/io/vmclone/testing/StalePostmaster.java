package io.vmclone.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Clears what a killed sandbox leaves in a PostgreSQL data directory. {@code pg_ctl} runs the
 * postmaster as a daemon, so when the JVM that started it dies by {@code kill -9} the postmaster
 * keeps running (an orphan) and holds the data directory; and after a machine crash {@code
 * postmaster.pid} names a process that is gone, or whose number now belongs to another program.
 *
 * <p>An orphan of this data directory is stopped with a fast shutdown (SIGINT: sessions are ended,
 * everything committed is kept); a pid file naming anything else is removed.
 */
final class StalePostmaster {

  private static final Logger LOG = Logger.getLogger(StalePostmaster.class.getName());
  private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
  private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

  private StalePostmaster() {}

  static void clear(Path dataDir) throws IOException, InterruptedException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster = postmasterOf(pidFile);
    if (postmaster.isEmpty()) {
      LOG.info("removing stale " + pidFile);
      Files.deleteIfExists(pidFile);
      return;
    }
    long pid = postmaster.get().pid();
    LOG.warning("stopping orphaned postmaster " + pid + " of " + dataDir);
    signal("INT", pid);
    if (!awaitExit(postmaster.get(), FAST_SHUTDOWN)) {
      signal("QUIT", pid);
      if (!awaitExit(postmaster.get(), IMMEDIATE_SHUTDOWN)) {
        throw new IOException("postmaster " + pid + " of " + dataDir + " does not stop");
      }
    }
  }

  /** The live process the pid file names, if it is a PostgreSQL server. */
  private static Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException garbage) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process
                    .info()
                    .command()
                    .map(command -> command.endsWith("/postgres"))
                    .orElse(false));
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
  }

  private static boolean awaitExit(ProcessHandle process, Duration limit)
      throws InterruptedException {
    try {
      process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException stillRunning) {
      return false;
    } catch (ExecutionException unexpected) {
      throw new IllegalStateException(unexpected);
    }
  }
}
