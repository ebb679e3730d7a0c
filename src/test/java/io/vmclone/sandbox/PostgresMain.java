package io.vmclone.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sandbox's PostgreSQL: a real server (zonky's embedded binaries) on 127.0.0.1 and a fixed
 * port, with a data directory that is kept, so clones survive {@code down} and {@code up}. It
 * clears what a killed predecessor left behind ({@link StalePostmaster}), creates the role and
 * database if missing, prints a line starting with {@value #READY}, and stops the server cleanly on
 * SIGTERM. Commits are synchronous: a crash loses nothing that was committed.
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

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  record Options(int port, Path dataDir, String database, String user, String password) {

    static Options parse(String[] args) {
      CommandLine flags =
          CommandLine.parse(args, Set.of("port", "data-dir", "database", "user", "password"));
      Options options =
          new Options(
              flags.integer("port", 16432),
              Path.of(flags.value("data-dir", ".sandbox/pgdata")).toAbsolutePath(),
              flags.value("database", "vmclone"),
              flags.value("user", "vmclone"),
              flags.value("password", "vmclone"));
      for (String name : new String[] {options.database(), options.user()}) {
        if (!IDENTIFIER.matcher(name).matches()) {
          throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
      }
      return options;
    }
  }

  private PostgresMain() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    StalePostmaster.clear(options.dataDir());
    removeHalfInitialized(options.dataDir());
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setPort(options.port())
            .setDataDirectory(options.dataDir())
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("synchronous_commit", "on")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, stopped)));
    ensureDatabase(postgres, options);
    System.out.printf(
        "%s: jdbc:postgresql://127.0.0.1:%d/%s (user %s), data in %s%n",
        READY, options.port(), options.database(), options.user(), options.dataDir());
    System.out.flush();
    stopped.await();
  }

  private static void stop(EmbeddedPostgres postgres, CountDownLatch stopped) {
    try {
      postgres.close();
    } catch (IOException failure) {
      failure.printStackTrace();
    } finally {
      stopped.countDown();
    }
  }

  /** initdb refuses a non-empty directory; one without postgresql.conf never held data. */
  private static void removeHalfInitialized(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir) || Files.exists(dataDir.resolve("postgresql.conf"))) {
      return;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.equals(dataDir)) {
          Files.delete(file);
        }
      }
    }
  }

  private static void ensureDatabase(EmbeddedPostgres postgres, Options options)
      throws SQLException {
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement ddl = admin.createStatement()) {
      if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", options.user())) {
        ddl.execute(
            "CREATE ROLE "
                + options.user()
                + " LOGIN PASSWORD '"
                + options.password().replace("'", "''")
                + "'");
      }
      if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", options.database())) {
        ddl.execute("CREATE DATABASE " + options.database() + " OWNER " + options.user());
      }
    }
  }

  private static boolean exists(Connection connection, String query, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        return result.next();
      }
    }
  }
}
