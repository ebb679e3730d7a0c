package io.vmclone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.bench.MinimumRequest.Cost;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.Right;
import io.vmclone.operator.workflow.action.RequiredRights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and rows of scenario 1: the two clone limits and the requests per clone. */
class BenchLimitsTest {

  @Test
  void theMinimumIsEighteenRequestsOfWhichElevenAreStoredWrites() {
    assertThat(MinimumRequest.requests()).isEqualTo(18);
    assertThat(MinimumRequest.writes()).isEqualTo(11);
    assertThat(MinimumRequest.byCounterKey())
        .containsEntry("PATCH virtualmachineclones/status", 3L)
        .containsEntry("POST subjectaccessreviews", 5L)
        .containsEntry("GET virtualmachines", 2L)
        .containsEntry("PUT virtualmachines", 2L)
        .containsEntry("POST events", 1L)
        .doesNotContainKey("GET virtualmachinesnapshots");
    assertThat(MinimumRequest.byCounterKey().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(MinimumRequest.requests());
  }

  @Test
  void theMinimumReviewsEveryRightTheWorkflowChecksForTheBenchmarksClone() {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "vm", null));
    spec.setRunStrategy(RunStrategy.Halted);
    List<String> rights =
        RequiredRights.of(spec, "bench").stream().map(BenchLimitsTest::reviewed).toList();
    List<String> reviews =
        Arrays.stream(MinimumRequest.values())
            .filter(r -> r.cost() == Cost.REVIEW)
            .map(MinimumRequest::request)
            .toList();
    assertThat(reviews).containsExactlyInAnyOrderElementsOf(rights);
  }

  @Test
  void throughputIsJudgedAgainstTheLowerLimit() {
    CloneLimits limits = new CloneLimits(218.1, 62.5);
    assertThat(limits.lower()).isEqualTo(62.5);
    assertThat(limits.lowerName()).isEqualTo("API server");
    assertThat(limits.target().met(25)).isTrue();
    assertThat(limits.target().met(24.9)).isFalse();
    assertThat(limits.target().text())
        .isEqualTo(">= 40% of the lower limit (journal 218.1 or API server 62.5) = 25.0");
    assertThat(limits.baseline(6.25)).isEqualTo("lower limit 62.5 (API server): 10.0%");
    assertThat(new CloneLimits(50, 80).lowerName()).isEqualTo("journal");
  }

  @Test
  void aLimitNotMeasuredIsNamedAndTheOtherJudges() {
    CloneLimits journalOnly = CloneLimits.NONE.withJournal(200);
    assertThat(journalOnly.lower()).isEqualTo(200);
    assertThat(journalOnly.lowerName()).isEqualTo("journal");
    assertThat(journalOnly.target().text()).contains("API server not measured").endsWith("= 80.0");
    assertThat(CloneLimits.NONE.withApiServer(30).lower()).isEqualTo(30);
    assertThat(CloneLimits.NONE.measured()).isFalse();
    assertThat(CloneLimits.NONE.baseline(4))
        .isEqualTo("limit not measured (run the journal and apiserver parts)");
  }

  @Test
  void theRateAtAHundredInFlightIsJudgedAndTheOthersShowTheirShare() {
    Map<Integer, Samples> rates = new LinkedHashMap<>();
    rates.put(1, Samples.of(1, 2, 3));
    rates.put(100, Samples.of(20, 30, 40));
    List<Row> rows = ThroughputRows.rates(rates, new CloneLimits(100, 50));
    assertThat(rows).extracting(Row::verdict).containsExactly("-", "PASS");
    assertThat(rows.get(0).baseline()).isEqualTo("lower limit 50.0 (API server): 4.0%");
    assertThat(rows.get(1).scenario()).isEqualTo("1. completed clones/s, 100 in flight");
    assertThat(ThroughputRows.rates(rates, new CloneLimits(100, 80)).get(1).verdict())
        .isEqualTo("MISS");
  }

  @Test
  void withoutALimitTheRateIsShownButNotJudged() {
    List<Row> rows = ThroughputRows.rates(Map.of(100, Samples.of(4.2)), CloneLimits.NONE);
    assertThat(rows.get(0).verdict()).isEqualTo("-");
    assertThat(rows.get(0).baseline()).doesNotContain("NaN");
    assertThat(rows.get(0).target()).doesNotContain("NaN").startsWith(">= 40% of the lower limit");
  }

  @Test
  void requestsPerCloneAreJudgedAtOneAndAHundredInFlightAgainstTwiceTheMinimum() {
    Map<String, Long> hundred = Map.of("POST events", 1900L, "GET leases", 50L);
    Map<String, Long> one = Map.of("POST events", 36L, "PUT virtualmachines", 10L);
    Map<Integer, RequestTally> tallies =
        Map.of(
            1, RequestTally.NONE.plus(one, 1).plus(Map.of(), 1),
            10, RequestTally.NONE.plus(one, 10),
            100, RequestTally.NONE.plus(hundred, 100));
    List<Row> rows = ThroughputRows.requests(tallies);
    assertThat(rows).extracting(Row::scenario).allMatch(s -> !s.contains(" 10 in flight"));
    assertThat(rows).extracting(Row::measured).containsExactly("23.0", "19.0");
    assertThat(rows).extracting(Row::verdict).containsExactly("PASS", "PASS");
    assertThat(rows.get(0).target()).isEqualTo("<= 2x the workflow's minimum (36)");
    assertThat(ThroughputRows.requests(1, 36.1).verdict()).isEqualTo("MISS");
  }

  @Test
  void theBreakdownShowsEveryRequestPerCloneWithItsMinimum() {
    RequestTally tally =
        RequestTally.NONE.plus(
            Map.of("GET virtualmachinesnapshots", 76L, "POST events", 38L, "PATCH leases", 9L), 2);
    assertThat(tally.breakdown())
        .contains("GET virtualmachinesnapshots 38.00")
        .contains("POST events 19.00 (min 1)")
        .contains("POST virtualmachines 0.00 (min 1)")
        .doesNotContain("leases");
    assertThat(tally.perClone()).isEqualTo(57);
  }

  private static String reviewed(Right right) {
    return right.verb()
        + " "
        + right.resource()
        + (right.subresource().isEmpty() ? "" : "/" + right.subresource());
  }
}
