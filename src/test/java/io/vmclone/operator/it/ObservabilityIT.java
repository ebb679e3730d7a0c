package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.Workflow;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.PrometheusText;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoublePredicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What an operator's users see of a clone besides its status: the Prometheus metrics at {@code
 * /q/metrics}, the Events {@code kubectl describe} shows, the clone's fields on every log line, and
 * the health endpoints.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ObservabilityIT extends OperatorIT {

  static final List<String> ACTIONS = ActionNames.IN_ORDER;

  @Inject Workflow workflow;

  /** The names the metrics and events below are read by are the workflow's, in its order. */
  @Test
  void theWorkflowRunsTheNamedActionsInOrder() {
    assertThat(workflow.actions().stream().map(Action::name).toList())
        .containsExactlyElementsOf(ACTIONS);
  }

  /** The management interface's {@code /q/} (its URL includes the root path {@code /q}). */
  @TestHTTPResource(value = "/", management = true)
  URI quarkus;

  @Test
  void aSucceededCloneMovesTheCountersAndGivesEveryActionADurationSample() {
    PrometheusText before = metrics();
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    awaitGauge("vmclone_clones_active", active -> active >= 1);

    awaitPhase(name, ClonePhase.Succeeded);

    PrometheusText after = metrics();
    assertThat(moved(before, after, "vmclone_clones_total", "outcome", "succeeded")).isEqualTo(1);
    for (String action : ACTIONS) {
      assertThat(moved(before, after, "vmclone_action_duration_seconds_count", "action", action))
          .as("duration samples of %s", action)
          .isEqualTo(1);
    }
    assertThat(
            after.value("vmclone_action_duration_seconds_sum", "action", "CopyDisks").orElseThrow())
        .as("the simulated copy takes 1.5 s")
        .isGreaterThan(1);
    assertThat(
            moved(
                before, after, "vmclone_journal_transaction_seconds_count", "outcome", "committed"))
        .as("fenced journal transactions")
        .isGreaterThanOrEqualTo(2 * ACTIONS.size() + 1);
    assertThat(after.value("vmclone_leader")).hasValue(1);
    assertThat(after.value("vmclone_leadership_epoch").orElseThrow()).isGreaterThanOrEqualTo(1);
    awaitGauge("vmclone_clones_active", active -> active == 0);
  }

  @Test
  void aSucceededCloneTellsEveryStepCompletionInOrderAndNoStart() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);

    awaitPhase(name, ClonePhase.Succeeded);

    List<String> expected = new ArrayList<>();
    for (String action : ACTIONS) {
      expected.add("StepCompleted " + action);
    }
    expected.add("CloneSucceeded");
    assertThat(story(name)).containsExactlyElementsOf(expected);
    assertThat(orderedEvents(name)).allMatch(e -> "Normal".equals(e.getType()));
  }

  @Test
  void aFailedCopyTellsTheFailureTheUndoInReverseAndTheReasonLast() {
    PrometheusText before = metrics();
    String source = unique("web");
    createVm(source, "Halted", FAILING_VOLUME);
    String name = unique("clone");
    createClone(name, source);

    awaitPhase(name, ClonePhase.Failed);

    assertThat(story(name))
        .containsSubsequence(
            "StepCompleted SnapshotSource",
            "StepFailed CopyDisks",
            "StepUndone CopyDisks",
            "StepUndone SnapshotSource",
            "StepUndone FlagEntities",
            "StepUndone Redoable")
        .endsWith("CopyFailed")
        .doesNotContain("StepCompleted CopyDisks", "CloneSucceeded");
    assertThat(moved(before, metrics(), "vmclone_clones_total", "reason", "CopyFailed"))
        .isEqualTo(1);
  }

  @Test
  void anInterruptedCloneTellsItsRecoveryAndIsCounted() {
    PrometheusText before = metrics();
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();

    interrupt(taskId);
    awaitPhase(name, ClonePhase.Succeeded);

    assertThat(story(name))
        .containsSubsequence(
            "StepCompleted SnapshotSource",
            "Interrupted",
            "Restarted",
            "StepCompleted CopyDisks",
            "CloneSucceeded")
        .containsOnlyOnce("Interrupted", "Restarted");
    PrometheusText after = metrics();
    assertThat(moved(before, after, "vmclone_recoveries_total")).isEqualTo(1);
    assertThat(moved(before, after, "vmclone_restart_decisions_total", "decision", "Restarted"))
        .isEqualTo(1);
  }

  @Test
  void everyLogLineOfACloneStepNamesTheCloneItsTaskAndTheAction() throws IOException {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);
    String taskId = clone.getStatus().getTaskId();

    List<String> lines = Files.readAllLines(Path.of("target/quarkus-test.log"));

    String mdc = namespace + "/" + name + " ";
    for (String action : ACTIONS) {
      assertThat(lines)
          .as("the log line of %s completing", action)
          .anyMatch(
              line -> line.contains(" " + mdc + action + " " + taskId + " step completed in "));
    }
    assertThat(lines.stream().filter(line -> line.contains("[i.v.o.w.StepReporter]")))
        .filteredOn(line -> line.contains(" " + namespace + "/" + name + " "))
        .isNotEmpty()
        .allMatch(line -> line.contains(" " + taskId + " "));
  }

  @Test
  void readinessWatchesTheDatabaseAndTheInformersAndLivenessOnlyTheProcess() {
    JsonNode ready = health("health/ready");
    JsonNode live = health("health/live");

    assertThat(ready.path("status").asText()).isEqualTo("UP");
    JsonNode operator = check(ready, "Quarkus Operator SDK health check");
    assertThat(operator.path("status").asText()).isEqualTo("UP");
    assertThat(operator.path("data").path("virtualmachineclone").asText()).isEqualTo("OK");
    assertThat(check(ready, "Database connections health check").path("status").asText())
        .isEqualTo("UP");
    assertThat(live.path("checks"))
        .extracting(c -> c.path("name").asText())
        .containsExactly("vmclone-threads");
  }

  private List<Event> orderedEvents(String name) {
    return events(name).stream()
        .sorted(Comparator.comparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
        .toList();
  }

  /**
   * The clone's events in the order they were written: "Reason Action" for steps, else "Reason".
   */
  private List<String> story(String name) {
    return orderedEvents(name).stream()
        .map(
            e ->
                e.getReason().startsWith("Step")
                    ? e.getReason() + " " + e.getMessage().split("[ :]")[0]
                    : e.getReason())
        .toList();
  }

  private static double moved(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  private void awaitGauge(String name, DoublePredicate expected) {
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> expected.test(metrics().value(name).orElse(Double.NaN)));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(name + " stayed at " + metrics().named(name), e);
    }
  }

  private PrometheusText metrics() {
    return PrometheusText.parse(get("metrics"));
  }

  private JsonNode health(String path) {
    try {
      return new ObjectMapper().readTree(get(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode check : health.path("checks")) {
      if (name.equals(check.path("name").asText())) {
        return check;
      }
    }
    throw new AssertionError("no check " + name + " in " + health);
  }

  private String get(String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(quarkus.resolve(path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
