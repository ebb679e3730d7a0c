package io.vmclone.sandbox.picture;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.testing.PrometheusText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class MetricsPictureTest {

  @Test
  void rendersAWellFormedSvgWithEveryPanelAndTheScriptsMarks() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int second = 0; second < 60; second++) {
      String exposition =
          "vmclone_clones_active "
              + (second < 30 ? 2 : 0)
              + "\nvmclone_leader 1\n"
              + "vmclone_clones_total{outcome=\"succeeded\",reason=\"CloneSucceeded\"} "
              + (second < 30 ? 0 : 2)
              + "\nvmclone_action_duration_seconds_count{action=\"CopyDisks\"} 2\n"
              + "vmclone_action_duration_seconds_sum{action=\"CopyDisks\"} 41\n";
      lines.addAll(
          List.of(
              Recording.lines(second * 1000L, "operator-1", PrometheusText.parse(exposition))
                  .split("\n")));
    }

    String svg = MetricsPicture.render(Recording.parse(lines), Map.of(20_000L, "leader <killed>"));

    Document document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg)
        .contains("Clones active and recovering")
        .contains("Leader per replica")
        .contains("Clones finished")
        .contains("Recoveries and restart decisions")
        .contains("Mean action duration")
        .contains("Journal transaction latency")
        .contains("leader &lt;killed&gt;")
        .contains("20.50 s");
  }
}
