package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/} is the chart rendered by {@link PlainManifests}. With {@code
 * -Dvmclone.manifests.write=true} (what {@code scripts/render-manifests} passes) it writes them.
 */
class PlainManifestsTest extends ChartTestSupport {

  @Test
  void k8sIsAFreshRenderOfTheChart() throws IOException {
    SortedMap<String, String> rendered = PlainManifests.render(chart);
    if (Boolean.getBoolean("vmclone.manifests.write")) {
      write(rendered);
    }

    SortedMap<String, String> committed = committed();
    assertThat(committed.keySet())
        .as("files of k8s/; run %s", PlainManifests.howToRegenerate())
        .isEqualTo(rendered.keySet());
    rendered.forEach(
        (name, content) ->
            assertThat(committed.get(name))
                .as("k8s/%s differs from the chart; run %s", name, PlainManifests.howToRegenerate())
                .isEqualTo(content));
  }

  @Test
  void theKustomizationListsEveryManifest() {
    SortedMap<String, String> rendered = PlainManifests.render(chart);
    String kustomization = rendered.get(PlainManifests.KUSTOMIZATION);

    rendered.keySet().stream()
        .filter(name -> name.endsWith(".yaml"))
        .forEach(name -> assertThat(kustomization).contains("  - " + name + "\n"));
    assertThat(rendered.keySet()).contains("rbac.yaml", "webhooks.yaml", "deployment.yaml");
  }

  private static SortedMap<String, String> committed() throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(PlainManifests.DIRECTORY)) {
      for (Path file : list.filter(PlainManifestsTest::isManifest).toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }

  private static void write(SortedMap<String, String> rendered) throws IOException {
    try (Stream<Path> list = Files.list(PlainManifests.DIRECTORY)) {
      for (Path stale : list.filter(PlainManifestsTest::isManifest).toList()) {
        Files.delete(stale);
      }
    }
    for (var file : rendered.entrySet()) {
      Files.writeString(PlainManifests.DIRECTORY.resolve(file.getKey()), file.getValue());
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.equals(PlainManifests.KUSTOMIZATION);
  }
}
