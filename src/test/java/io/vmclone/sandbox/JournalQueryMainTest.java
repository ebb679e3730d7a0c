package io.vmclone.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class JournalQueryMainTest {

  @Test
  void printsRowsAsAnAlignedTableLikePsql() throws SQLException {
    try (Connection c = TestDatabase.dataSource(TestDatabase.newDatabase("query")).getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT * FROM (VALUES (1, 'Redoable', 'STARTED'), (12, 'CopyDisks', NULL))"
                    + " AS t(seq, action, state)")) {

      assertThat(JournalQueryMain.table(rows))
          .isEqualTo(
              """
               seq | action    | state \s
              -----+-----------+--------
               1   | Redoable  | STARTED
               12  | CopyDisks |       \s
              (2 rows)
              """);
    }
  }
}
