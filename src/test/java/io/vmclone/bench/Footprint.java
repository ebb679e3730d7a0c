package io.vmclone.bench;

import io.vmclone.crash.HarnessFailure;
import io.vmclone.crash.OperatorProcess;
import io.vmclone.testing.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The memory of one operator process: its resident set ({@code VmRSS} of {@code
 * /proc/<pid>/status}) and its used heap as the JVM reports it at {@code /q/metrics} (the sum of
 * {@code jvm_memory_used_bytes{area="heap"}} over the heap pools).
 *
 * @param rssMiB resident set size in MiB
 * @param heapMiB used heap in MiB
 */
record Footprint(double rssMiB, double heapMiB) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final double MIB = 1024 * 1024;

  static Footprint of(OperatorProcess process) {
    return new Footprint(rssKib(process.pid()) / 1024.0, heapBytes(process.managementPort()) / MIB);
  }

  /** VmRSS in kB, from a line like {@code VmRSS: 215332 kB}. */
  static long rssKib(long pid) {
    try {
      return parseRss(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException e) {
      throw new HarnessFailure("no /proc status for pid " + pid + ": " + e.getMessage(), e);
    }
  }

  static long parseRss(String status) {
    return status
        .lines()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.replaceAll("[^0-9]", ""))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElseThrow(() -> new HarnessFailure("no VmRSS line"));
  }

  private static double heapBytes(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      String text = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return PrometheusText.parse(text).sum("jvm_memory_used_bytes", "area", "heap");
    } catch (IOException e) {
      throw new HarnessFailure("reading /q/metrics on port " + port + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessFailure("interrupted", e);
    }
  }
}
