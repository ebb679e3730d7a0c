package io.vmclone.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The one PostgreSQL server of a test JVM ({@link PostgresServer}, started on first use, stopped
 * when the JVM exits). Each caller gets a database of its own, migrated with the project's Flyway
 * scripts when asked. Quarkus tests load this class again in class loaders of their own; those find
 * the running server by the port in the system property {@value #PORT}, so the JVM still runs one.
 */
public final class TestDatabase {

  /** Names the port of the JVM's server; not a Quarkus setting. */
  static final String PORT = "vmclone-test.postgres-port";

  private static int port = -1;

  private TestDatabase() {}

  /** A new, empty database on the shared server; its JDBC URL. */
  public static String newDatabase(String prefix) {
    String name =
        prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")
            + "_"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try (Connection c = DriverManager.getConnection(url("postgres"), PostgresServer.USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return url(name);
  }

  /** A new database with the journal schema migrated in. */
  public static DataSource migratedDataSource(String prefix) {
    DataSource dataSource = dataSource(newDatabase(prefix));
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return dataSource;
  }

  /** The port of the shared server. */
  public static int port() {
    return serverPort();
  }

  public static DataSource dataSource(String url) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser(PostgresServer.USER);
    return dataSource;
  }

  private static String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + serverPort() + "/" + database;
  }

  private static synchronized int serverPort() {
    if (port > 0) {
      return port;
    }
    // One lock for every class loader of the JVM.
    synchronized (System.getProperties()) {
      String running = System.getProperty(PORT);
      if (running != null) {
        port = Integer.parseInt(running);
        return port;
      }
      Path dataDir = Path.of("target", "postgres-" + ProcessHandle.current().pid());
      PostgresServer server = PostgresServer.create(dataDir);
      Runtime.getRuntime().addShutdownHook(new Thread(server::discard, "test-postgres-stop"));
      port = server.port();
      System.setProperty(PORT, Integer.toString(port));
      return port;
    }
  }
}
