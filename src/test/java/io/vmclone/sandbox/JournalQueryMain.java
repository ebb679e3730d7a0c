package io.vmclone.sandbox;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs one query against the sandbox's journal database and prints the rows as an aligned table,
 * for {@code scripts/sandbox demo} on machines without {@code psql}:
 *
 * <pre>
 * java -cp ... io.vmclone.sandbox.JournalQueryMain --url jdbc:postgresql://127.0.0.1:16432/vmclone \
 *     --user vmclone --password vmclone --sql "SELECT ..."
 * </pre>
 */
public final class JournalQueryMain {

  private JournalQueryMain() {}

  public static void main(String[] args) throws SQLException {
    CommandLine flags = CommandLine.parse(args, Set.of("url", "user", "password", "sql"));
    String sql = flags.value("sql", null);
    if (sql == null) {
      throw new IllegalArgumentException("--sql is required");
    }
    try (Connection c =
            DriverManager.getConnection(
                flags.value("url", "jdbc:postgresql://127.0.0.1:16432/vmclone"),
                flags.value("user", "vmclone"),
                flags.value("password", "vmclone"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      System.out.print(table(rows));
    }
  }

  static String table(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[meta.getColumnCount()];
    for (int i = 0; i < header.length; i++) {
      header[i] = meta.getColumnLabel(i + 1);
    }
    lines.add(header);
    while (rows.next()) {
      String[] line = new String[header.length];
      for (int i = 0; i < line.length; i++) {
        String value = rows.getString(i + 1);
        line[i] = value == null ? "" : value;
      }
      lines.add(line);
    }
    int[] widths = new int[header.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int l = 0; l < lines.size(); l++) {
      for (int i = 0; i < widths.length; i++) {
        out.append(i == 0 ? " " : " | ").append(pad(lines.get(l)[i], widths[i]));
      }
      out.append('\n');
      if (l == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
      }
    }
    return out.append("(").append(lines.size() - 1).append(" rows)\n").toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
