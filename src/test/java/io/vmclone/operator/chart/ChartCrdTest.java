package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code helm install} installs the CRD of the repository's {@code crds/}, unchanged. */
class ChartCrdTest {

  private static final Path REPOSITORY_CRDS = Path.of("crds");
  private static final Path CHART_CRDS = HelmChart.CHART.resolve("crds");

  @Test
  void theChartHoldsTheRepositorysCrdsByteForByte() throws IOException {
    assertThat(names(CHART_CRDS)).isEqualTo(names(REPOSITORY_CRDS)).isNotEmpty();
    for (String name : names(REPOSITORY_CRDS)) {
      assertThat(Files.readString(CHART_CRDS.resolve(name)))
          .as(
              "%s differs from crds/%s: copy crds/ into %s",
              CHART_CRDS.resolve(name), name, CHART_CRDS)
          .isEqualTo(Files.readString(REPOSITORY_CRDS.resolve(name)));
    }
  }

  private static java.util.List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
