package io.vmclone.sandbox;

import io.vmclone.testing.PostgresServer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox's PostgreSQL: a real server (zonky's embedded binaries) on 127.0.0.1 and a fixed
 * port, with a data directory that is kept, so clones survive {@code down} and {@code up}. It
 * clears what a killed predecessor left behind ({@link PostgresServer#reopen}), creates the role
 * and database if missing, prints a line starting with {@value #READY}, and stops the server
 * cleanly on SIGTERM. Commits are synchronous: a crash loses nothing that was committed.
 *
 * <pre>
 * java -cp ... io.vmclone.sandbox.PostgresMain --port 16432 --data-dir .sandbox/pgdata \
 *     --database vmclone --user vmclone --password vmclone
 * </pre>
 */
public final class PostgresMain {

  static final String READY = "sandbox postgres ready";

  static {
    SandboxLogging.configure();
  }

  record Options(int port, Path dataDir, String database, String user, String password) {

    static Options parse(String[] args) {
      CommandLine flags =
          CommandLine.parse(args, Set.of("port", "data-dir", "database", "user", "password"));
      return new Options(
          flags.integer("port", 16432),
          Path.of(flags.value("data-dir", ".sandbox/pgdata")).toAbsolutePath(),
          flags.value("database", "vmclone"),
          flags.value("user", "vmclone"),
          flags.value("password", "vmclone"));
    }
  }

  private PostgresMain() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    PostgresServer postgres = PostgresServer.reopen(options.dataDir(), options.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  postgres.close();
                  stopped.countDown();
                }));
    String url = postgres.ensureDatabase(options.database(), options.user(), options.password());
    System.out.printf(
        "%s: %s (user %s), data in %s%n", READY, url, options.user(), options.dataDir());
    System.out.flush();
    stopped.await();
  }
}
