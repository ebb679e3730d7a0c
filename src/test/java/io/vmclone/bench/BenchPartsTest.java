package io.vmclone.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmclone.operator.image.Dockerfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchPartsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Samples.of(3, 1, 2).median()).isEqualTo(2);
    assertThat(Samples.of(4, 1, 3, 2).median()).isEqualTo(2.5);
    assertThat(Samples.of(5, 1, 9).describe(" s", 1)).isEqualTo("5.0 s (1.0-9.0, n=3)");
    assertThat(Samples.of(0.25).describe(" s", 2)).isEqualTo("0.25 s");
  }

  @Test
  void procStatFieldsAreCountedFromTheEndOfTheCommandName() {
    String stat =
        "4242 (postgres: a (b) c) S 17 4242 4242 0 -1 4194560 900 0 0 0 250 75 30 12 20 0 1 0";
    assertThat(CpuMeter.parseStat(stat)).containsExactly(17, 250, 75, 30, 12);
  }

  @Test
  void theBenchmarkRunsTheJvmTheImageRuns() {
    String imageGc = Dockerfile.read(Dockerfile.JVM).env("GC_CONTAINER_OPTIONS").orElseThrow();
    assertThat(BenchMain.OPERATOR_JVM_OPTIONS).containsAll(List.of(imageGc.split(" ")));
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> new Samples(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targetsJudgeUpperAndLowerBounds() {
    assertThat(Target.atMost(2, " s").met(2)).isTrue();
    assertThat(Target.atMost(2, " s").met(2.1)).isFalse();
    assertThat(Target.atLeast(40, "").met(39)).isFalse();
    assertThat(Target.atMost(2, " s").text()).isEqualTo("<= 2 s");
    assertThat(Target.atMost(10, " s").shortfall(15)).isEqualTo(0.5);
  }

  @Test
  void rowsCarryTheirVerdict() {
    assertThat(Row.judged("x", 3, "3 s", "-", Target.atMost(2, " s")).verdict()).isEqualTo("MISS");
    assertThat(Row.judged("x", 1, "1 s", "-", Target.atMost(2, " s")).verdict()).isEqualTo("PASS");
    assertThat(Row.info("x", "1", "-").verdict()).isEqualTo("-");
  }

  @Test
  void tableIsMarkdownWithPaddedColumnsAndEscapedPipes() {
    String table =
        Table.markdown(
            List.of(
                Row.info("rate", "10 tx/s", "-"),
                Row.judged("a|b", 1, "1 s", "-", Target.atMost(2, " s"))));
    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("| scenario ").endsWith("| PASS/MISS |");
    assertThat(lines.get(1)).matches("\\|[-|]+\\|");
    assertThat(lines.get(3)).contains("a\\|b").contains("| PASS ");
    assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
    assertThat(Table.misses(List.of(Row.failed("x", "boom", "<= 2 s")))).isEqualTo(1);
  }

  @Test
  void requestsAreKeyedByTheirHttpMethodAndResource() {
    assertThat(RequestCounter.key("patch", "virtualmachineclones", "status"))
        .isEqualTo("PATCH virtualmachineclones/status");
    assertThat(RequestCounter.key("create", "events", "")).isEqualTo("POST events");
    assertThat(RequestCounter.key("list", "virtualmachines", "")).isEqualTo("GET virtualmachines");
    assertThat(RequestCounter.key("watch", "leases", "")).isEqualTo("WATCH leases");
    assertThat(RequestCounter.key("update", "virtualmachines", ""))
        .isEqualTo("PUT virtualmachines");
    assertThat(
            RequestCounter.perCloneRequests(
                Map.of(
                    "GET leases",
                    5L,
                    "POST events",
                    3L,
                    "PATCH virtualmachineclones",
                    2L,
                    "POST selfsubjectrulesreviews",
                    1L)))
        .isEqualTo(5);
  }

  @Test
  void rssIsReadFromProcStatus() {
    assertThat(Footprint.parseRss("Name:\tjava\nVmRSS:\t  215332 kB\nVmSwap:\t0 kB\n"))
        .isEqualTo(215332);
  }

  @Test
  void reportReplacesOnlyTheGeneratedBlock() {
    String page =
        "# Benchmarks\nintro\n" + BenchReport.BEGIN + "\nold\n" + BenchReport.END + "\nnotes\n";
    String merged = BenchReport.merge(page, "new table");
    assertThat(merged)
        .isEqualTo(
            "# Benchmarks\nintro\n"
                + BenchReport.BEGIN
                + "\nnew table\n"
                + BenchReport.END
                + "\nnotes\n");
    assertThat(BenchReport.merge("# Benchmarks\n", "t")).endsWith(BenchReport.END + "\n");
  }
}
