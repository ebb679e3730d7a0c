package io.vmclone.testing;

import io.vmclone.controlplane.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's one way to run PostgreSQL for tests, the crash harness, the benchmark and the
 * sandbox: a real server from zonky's embedded binaries (no Docker) on 127.0.0.1, a port fixed for
 * its life and a data directory that survives {@link #stop()}, so {@link #start()} brings the same
 * server back, as the end of an outage would. Commits are synchronous: whatever an operator
 * committed before it was killed is there. Local connections are trusted: the superuser {@value
 * #USER} needs no password.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "postgres";

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Path dataDir;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();
  private EmbeddedPostgres server;

  private PostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** A fresh data directory (its old content goes) and a server on a free port, started. */
  public static PostgresServer create(Path dataDir) {
    deleteRecursively(dataDir);
    PostgresServer server = new PostgresServer(dataDir, FreePorts.next());
    server.start();
    return server;
  }

  /**
   * The server of a data directory that is kept between runs (the sandbox's), started on this port:
   * what a killed predecessor left behind is cleared first ({@link StalePostmaster}), and a
   * directory that initdb never finished is started over.
   */
  public static PostgresServer reopen(Path dataDir, int port) {
    try {
      StalePostmaster.clear(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (Files.isDirectory(dataDir) && !Files.exists(dataDir.resolve("postgresql.conf"))) {
      deleteRecursively(dataDir);
    }
    PostgresServer server = new PostgresServer(dataDir, port);
    server.start();
    return server;
  }

  /** Starts the server on its port and data directory (again, after {@link #stop()}). */
  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      server =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("max_connections", "300")
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("starting PostgreSQL on port " + port, e);
    }
  }

  /** Stops the server (a fast shutdown: sessions are cut, committed data stays). */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("stopping PostgreSQL", e);
    } finally {
      server = null;
    }
  }

  public int port() {
    return port;
  }

  /** A new, empty database named after the label; its JDBC URL (user {@value #USER}). */
  public String newDatabase(String label) {
    String name =
        label.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
    String safe = name.length() > 60 ? name.substring(name.length() - 60) : name;
    if (!Character.isLetter(safe.charAt(0))) {
      safe = "d" + safe.substring(1);
    }
    execute("CREATE DATABASE " + safe);
    return jdbcUrl(safe);
  }

  /** The role (with this password) and a database it owns, each created if missing. */
  public String ensureDatabase(String database, String user, String password) {
    for (String name : new String[] {database, user}) {
      if (!IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("not a plain SQL identifier: " + name);
      }
    }
    if (!exists("SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
      execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
    }
    if (!exists("SELECT 1 FROM pg_database WHERE datname = ?", database)) {
      execute("CREATE DATABASE " + database + " OWNER " + user);
    }
    return jdbcUrl(database);
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops the server and deletes its data directory. */
  public void discard() {
    stop();
    deleteRecursively(dataDir);
  }

  private synchronized Connection superuser() throws SQLException {
    if (server == null) {
      throw new IllegalStateException("PostgreSQL on port " + port + " is stopped");
    }
    return server.getPostgresDatabase().getConnection();
  }

  private void execute(String ddl) {
    try (Connection admin = superuser();
        Statement statement = admin.createStatement()) {
      statement.execute(ddl);
    } catch (SQLException e) {
      throw new IllegalStateException(ddl + ": " + e.getMessage(), e);
    }
  }

  private boolean exists(String query, String name) {
    try (Connection admin = superuser();
        PreparedStatement statement = admin.prepareStatement(query)) {
      statement.setString(1, name);
      try (ResultSet result = statement.executeQuery()) {
        return result.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query + ": " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + dir, e);
    }
  }
}
