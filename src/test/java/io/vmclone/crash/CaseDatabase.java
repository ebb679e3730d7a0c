package io.vmclone.crash;

import io.vmclone.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One case's database: where the operators write their journal and where the harness reads it.
 *
 * @param jdbcUrl the URL the operators get in VMCLONE_DB_URL
 * @param user the role (the server trusts local connections, so no password is needed)
 */
public record CaseDatabase(String jdbcUrl, String user) {

  /** A new, empty database for one case on the harness's server. */
  public static CaseDatabase on(PostgresServer server, String label) {
    return new CaseDatabase(server.newDatabase("crash_" + label), PostgresServer.USER);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, "");
  }
}
