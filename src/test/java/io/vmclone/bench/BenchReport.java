package io.vmclone.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the latest results into {@code docs/benchmarks.md}: the generated part (date, machine, how
 * to rerun, the table, the details) goes between two marker comments, so that the notes people
 * write around it survive the next run.
 */
final class BenchReport {

  static final String BEGIN = "<!-- bench:begin (written by scripts/bench) -->";
  static final String END = "<!-- bench:end -->";

  private BenchReport() {}

  static void write(Path file, String generated) {
    try {
      String existing =
          Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : defaultPage();
      Files.createDirectories(file.getParent());
      Files.writeString(file, merge(existing, generated), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page with the generated block replaced (or appended when the markers are missing). */
  static String merge(String page, String generated) {
    String block = BEGIN + "\n" + generated.strip() + "\n" + END;
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      return page.stripTrailing() + "\n\n" + block + "\n";
    }
    return page.substring(0, begin) + block + page.substring(end + END.length());
  }

  /** The generated block: when, where, how to rerun, the table, the details. */
  static String generated(
      String date, String machine, String load, String duration, List<Row> rows, String details) {
    return String.join(
        "\n",
        "Run " + date + " on " + machine + "; load average " + load + "; took " + duration + ".",
        "",
        "Rerun: `scripts/bench` (builds when the sources changed; `--no-build` reuses the build).",
        "",
        Table.markdown(rows),
        details);
  }

  private static String defaultPage() {
    return "# Benchmarks\n";
  }
}
