package io.vmclone.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** PostgresMain as a real process: kept data, kill -9, stale pid files, clean SIGTERM. */
@Timeout(180)
class PostgresMainIT {

  @TempDir Path dir;
  private int port;
  private Process running;

  @BeforeEach
  void freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (running != null && running.isAlive()) {
      running.destroy();
      running.waitFor();
    }
  }

  @Test
  void committedDataSurvivesAKill9AndTheOrphanedPostmasterIsReplaced() throws Exception {
    running = start("first");
    execute(
        "CREATE TABLE clone_task (id text PRIMARY KEY)", "INSERT INTO clone_task VALUES ('t1')");
    long orphan = postmasterPid().orElseThrow();

    running.destroyForcibly().waitFor();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).hasValue(true);
    running = start("second");

    assertThat(query("SELECT id FROM clone_task")).containsExactly("t1");
    assertExits(orphan);
  }

  @Test
  void sigtermStopsTheServerAndAPidFileNamingAnotherProgramIsIgnored() throws Exception {
    running = start("first");
    long postmaster = postmasterPid().orElseThrow();

    running.destroy();
    running.waitFor();

    assertThat(pgData().resolve("postmaster.pid")).doesNotExist();
    assertExits(postmaster);

    // as after a machine crash, with the old pid now used by some other live program (this JVM)
    Files.writeString(
        pgData().resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + pgData() + "\n");
    running = start("second");

    assertThat(query("SELECT current_database()")).containsExactly("vmclone");
  }

  private Process start(String name) throws IOException, InterruptedException {
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PostgresMain.class.getName(),
                "--port",
                Integer.toString(port),
                "--data-dir",
                pgData().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    while (!Files.readString(log).contains(PostgresMain.READY)) {
      assertThat(process.isAlive()).as("PostgresMain died:\n" + Files.readString(log)).isTrue();
      Thread.sleep(100);
    }
    return process;
  }

  /** pg_ctl returns once the pid file is gone, a moment before the postmaster exits. */
  private static void assertExits(long pid) throws Exception {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isPresent()) {
      process.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  private Path pgData() {
    return dir.resolve("pgdata");
  }

  private Optional<Long> postmasterPid() throws IOException {
    List<String> lines = Files.readAllLines(pgData().resolve("postmaster.pid"));
    return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/vmclone", "vmclone", "vmclone");
  }

  private void execute(String... statements) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private List<String> query(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<String> values = new java.util.ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }
}
