package io.vmclone.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages of failed steps echo the spec (patches, filters, names); each stays one log line. */
class StepReporterLogTest {

  private static final String FORGED = "10:00:00.000 INFO  [i.v.o.w.StepReporter] clone committed";

  private final StepReporter reporter =
      new StepReporter(new CloneMetrics(new SimpleMeterRegistry()));

  @Test
  void aFailedStepsMessageIsLoggedEscaped() {
    List<String> logged;
    try (LogCapture log = LogCapture.of(StepReporter.class)) {
      reporter.failed(
          "CreateTarget",
          ActionResult.failed("InvalidSpec", "spec.patches[0]: bad pointer /a\r\n" + FORGED));
      reporter.aborted("InvalidSpec", "spec.patches[0]: bad pointer /a\n" + FORGED);
      logged = log.messages();
    }

    assertThat(logged)
        .containsExactly(
            "step failed (InvalidSpec): spec.patches[0]: bad pointer /a\\r\\n" + FORGED,
            "clone failed (InvalidSpec): spec.patches[0]: bad pointer /a\\n" + FORGED);
  }

  @Test
  void theEventKeepsThePeoplesTextAsItWas() {
    Notice notice = reporter.aborted("InvalidSpec", "line one\nline two");

    assertThat(notice.message()).isEqualTo("line one\nline two");
  }
}
