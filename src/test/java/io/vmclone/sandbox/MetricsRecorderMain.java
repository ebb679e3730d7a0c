package io.vmclone.sandbox;

import io.vmclone.sandbox.picture.Recording;
import io.vmclone.testing.PrometheusText;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Scrapes the {@code /q/metrics} of every operator replica once a second, as Prometheus would, and
 * appends the {@code vmclone_*} samples to a file ({@link Recording}'s format) until a stop file
 * appears. A replica that does not answer (killed, restarting) is recorded as down.
 *
 * <pre>
 * java -cp ... io.vmclone.sandbox.MetricsRecorderMain --target operator-1=http://127.0.0.1:16090/q/metrics \
 *     --target operator-2=http://127.0.0.1:16091/q/metrics --out metrics.tsv --stop-file metrics.stop
 * </pre>
 */
public final class MetricsRecorderMain {

  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private MetricsRecorderMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    CommandLine flags = CommandLine.parse(args, Set.of("target", "out", "stop-file"));
    Map<String, URI> targets = new LinkedHashMap<>();
    for (String target : flags.all("target")) {
      String[] parts = target.split("=", 2);
      targets.put(parts[0], URI.create(parts[1]));
    }
    Path out = Path.of(flags.value("out", "metrics.tsv"));
    Path stop = Path.of(flags.value("stop-file", out + ".stop"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    try (Writer writer =
        Files.newBufferedWriter(
            out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      while (!Files.exists(stop)) {
        long started = System.currentTimeMillis();
        for (Map.Entry<String, URI> target : targets.entrySet()) {
          writer.write(Recording.lines(started, target.getKey(), scrape(http, target.getValue())));
        }
        writer.flush();
        Thread.sleep(Math.max(0, INTERVAL.toMillis() - (System.currentTimeMillis() - started)));
      }
    }
  }

  /** The replica's samples, or null when it does not answer. */
  private static PrometheusText scrape(HttpClient http, URI uri) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(800)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? PrometheusText.parse(response.body()) : null;
    } catch (IOException down) {
      return null;
    }
  }
}
