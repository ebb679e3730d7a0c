package io.vmclone.crash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link CrashMatrixMain}.
 *
 * @param matrix which crash matrix to run: none, the reduced one or the full one
 * @param points crash points named one by one ({@code --point}), run instead of a matrix
 * @param scenarios the scenarios to run, in order
 * @param fullNumbers whether scenarios use their full numbers (200 clones, a 30 s outage)
 * @param keepLogs whether the folders of passed cases are kept too
 * @param root the repository
 */
record HarnessOptions(
    Matrix matrix,
    List<CrashPoint> points,
    List<String> scenarios,
    boolean fullNumbers,
    boolean keepLogs,
    Path root) {

  enum Matrix {
    NONE,
    REDUCED,
    FULL
  }

  static final String USAGE =
      String.join(
          "\n",
          "usage: CrashMatrixMain [--reduced|--full] [--point P ...] [--scenario NAME"
              + " ...|--all-scenarios]",
          "                      [--full-numbers] [--keep-logs] [--root DIR]",
          "  --reduced         every action once (the kinds of point in turn) and after-commit;",
          "                    scenarios with reduced numbers",
          "  --full            every action at every crash point, and after-commit (the default",
          "                    when no scenario is named)",
          "  --point P         only this crash point, e.g. after-done:CopyDisks (repeatable)",
          "  --scenario NAME   one of " + Scenarios.NAMES + " (repeatable)",
          "  --all-scenarios   every scenario",
          "  --full-numbers    scenarios with their full numbers even with --reduced",
          "  --keep-logs       keep the folders of passed cases in target/crash-matrix too");

  static HarnessOptions parse(String... args) {
    Matrix matrix = null;
    List<String> scenarios = new ArrayList<>();
    List<CrashPoint> points = new ArrayList<>();
    Boolean fullNumbers = null;
    boolean keepLogs = false;
    Path root = Path.of(".");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reduced" -> matrix = Matrix.REDUCED;
        case "--full" -> matrix = Matrix.FULL;
        case "--all-scenarios" -> scenarios.addAll(Scenarios.NAMES);
        case "--full-numbers" -> fullNumbers = true;
        case "--keep-logs" -> keepLogs = true;
        case "--scenario", "--root", "--point" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
          }
          String value = args[++i];
          if (args[i - 1].equals("--root")) {
            root = Path.of(value);
          } else if (args[i - 1].equals("--point")) {
            points.add(CrashPoint.parse(value));
          } else if (Scenarios.NAMES.contains(value)) {
            scenarios.add(value);
          } else {
            throw new IllegalArgumentException("unknown scenario " + value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (matrix == null) {
      matrix = scenarios.isEmpty() && points.isEmpty() ? Matrix.FULL : Matrix.NONE;
    }
    boolean full = fullNumbers != null ? fullNumbers : matrix != Matrix.REDUCED;
    return new HarnessOptions(
        matrix, List.copyOf(points), scenarios.stream().distinct().toList(), full, keepLogs, root);
  }

  List<CrashPoint> crashPoints() {
    return switch (matrix) {
      case NONE -> points;
      case REDUCED -> CrashPoint.reduced();
      case FULL -> CrashPoint.full();
    };
  }
}
