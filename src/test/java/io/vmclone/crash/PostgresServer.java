package io.vmclone.crash;

import io.vmclone.controlplane.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness's PostgreSQL: one real server (zonky's binaries) on 127.0.0.1, a fixed port and a
 * data directory that survives {@link #stop()}, so that {@link #start()} brings the same server
 * back, as an outage would. Each case gets a database of its own ({@link #newDatabase}). Commits
 * are synchronous: whatever an operator committed before it was killed is there.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "postgres";

  private final Path dataDir;
  private final int port;
  private final AtomicInteger databases = new AtomicInteger();
  private EmbeddedPostgres server;

  private PostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Initializes a fresh data directory and starts the server on a free port. */
  public static PostgresServer create(Path dataDir) {
    PostgresServer server = new PostgresServer(dataDir, FreePorts.next());
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

  /** A new, empty database for one case. */
  public CaseDatabase newDatabase(String label) {
    String name = "crash_" + databases.incrementAndGet() + "_" + label.replaceAll("[^a-z0-9]", "_");
    String safe = name.length() > 60 ? name.substring(0, 60) : name;
    try (Connection admin = server.getPostgresDatabase().getConnection();
        Statement ddl = admin.createStatement()) {
      ddl.execute("CREATE DATABASE " + safe);
    } catch (SQLException e) {
      throw new HarnessFailure("creating database " + safe + ": " + e.getMessage(), e);
    }
    return new CaseDatabase("jdbc:postgresql://127.0.0.1:" + port + "/" + safe, USER);
  }

  @Override
  public void close() {
    stop();
  }
}
