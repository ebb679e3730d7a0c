package io.vmclone.sandbox;

import io.vmclone.sandbox.picture.MetricsPicture;
import io.vmclone.sandbox.picture.Recording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a recording of {@link MetricsRecorderMain} as the SVG picture of the README:
 *
 * <pre>
 * java -cp ... io.vmclone.sandbox.MetricsPictureMain --in metrics.tsv --marks marks.tsv \
 *     --out docs/metrics.svg
 * </pre>
 *
 * The marks file has a line {@code millis TAB label} for each thing the script did.
 */
public final class MetricsPictureMain {

  private MetricsPictureMain() {}

  public static void main(String[] args) throws IOException {
    CommandLine flags = CommandLine.parse(args, Set.of("in", "marks", "out"));
    Recording recording =
        Recording.parse(Files.readAllLines(Path.of(flags.value("in", "metrics.tsv"))));
    Map<Long, String> marks = new TreeMap<>();
    String marksFile = flags.value("marks", null);
    if (marksFile != null) {
      for (String line : Files.readAllLines(Path.of(marksFile))) {
        String[] parts = line.split("\t", 2);
        if (parts.length == 2) {
          marks.put(Long.parseLong(parts[0]), parts[1]);
        }
      }
    }
    Path out = Path.of(flags.value("out", "metrics.svg"));
    Files.writeString(out, MetricsPicture.render(recording, marks), StandardCharsets.UTF_8);
    System.out.println("wrote " + out + " (" + List.of(recording.replicas()) + ")");
  }
}
