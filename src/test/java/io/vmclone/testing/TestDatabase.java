package io.vmclone.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL server (embedded binaries, no Docker) shared by every test of the JVM. Each
 * caller gets a database of its own, migrated with the project's Flyway scripts when asked.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /** A new, empty database on the shared server; its JDBC URL. */
  public static synchronized String newDatabase(String prefix) {
    String name =
        prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return server().getJdbcUrl("postgres", name);
  }

  /** A new database with the journal schema migrated in. */
  public static DataSource migratedDataSource(String prefix) {
    String url = newDatabase(prefix);
    DataSource dataSource = dataSource(url);
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }

  /** The port of the shared server. */
  public static int port() {
    return server().getPort();
  }

  public static DataSource dataSource(String url) {
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser("postgres");
    return dataSource;
  }

  private static EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
    }
    return server;
  }

  private static synchronized void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // The JVM is going away; the server's own shutdown hook cleans up its files.
    }
  }
}
