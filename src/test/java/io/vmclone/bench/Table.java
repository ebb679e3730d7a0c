package io.vmclone.bench;

import java.util.ArrayList;
import java.util.List;

/** The result table as Markdown, its columns padded so that it also reads well in a terminal. */
public final class Table {

  private static final List<String> HEADER =
      List.of("scenario", "measured", "baseline", "target", "PASS/MISS");

  private Table() {}

  public static String markdown(List<Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(HEADER);
    for (Row row : rows) {
      cells.add(
          List.of(row.scenario(), row.measured(), row.baseline(), row.target(), row.verdict()));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], escape(line.get(i)).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(line(cells.get(0), widths));
    StringBuilder rule = new StringBuilder("|");
    for (int width : widths) {
      rule.append('-').append("-".repeat(width)).append("-|");
    }
    out.append(rule).append('\n');
    for (List<String> line : cells.subList(1, cells.size())) {
      out.append(line(line, widths));
    }
    return out.toString();
  }

  /** How many rows missed their target. */
  public static long misses(List<Row> rows) {
    return rows.stream().filter(row -> row.verdict().equals("MISS")).count();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder out = new StringBuilder("|");
    for (int i = 0; i < widths.length; i++) {
      String cell = escape(cells.get(i));
      out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    return out.append('\n').toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|");
  }
}
