package io.vmclone.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionBuilderTest {

  private static final Instant T1 = Instant.parse("2026-11-26T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-26T10:05:00Z");

  @Test
  void aNewConditionTransitionsNowAndCarriesTheGeneration() {
    List<Condition> conditions =
        new ConditionBuilder(null, 3, T1).set("Ready", false, "NotReady", "working").build();

    assertThat(conditions)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo("NotReady");
              assertThat(c.getLastTransitionTime()).isEqualTo(T1.toString());
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
            });
  }

  @Test
  void anUnchangedStatusKeepsItsTransitionTimeEvenWhenReasonAndMessageChange() {
    List<Condition> before =
        new ConditionBuilder(null, 1, T1)
            .set("Progressing", true, "SnapshotSource", "snapshotting")
            .build();

    List<Condition> after =
        new ConditionBuilder(before, 1, T2)
            .set("Progressing", true, "CopyDisks", "copying 40%")
            .build();

    assertThat(after.get(0).getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(after.get(0).getReason()).isEqualTo("CopyDisks");
  }

  @Test
  void aChangedStatusTransitionsNow() {
    List<Condition> before =
        new ConditionBuilder(null, 1, T1).set("Ready", false, "NotReady", "").build();

    List<Condition> after =
        new ConditionBuilder(before, 1, T2).set("Ready", true, "Succeeded", "").build();

    assertThat(after.get(0).getLastTransitionTime()).isEqualTo(T2.toString());
  }

  @Test
  void keepCarriesAConditionOverUnchangedAndSkipsAMissingOne() {
    List<Condition> before =
        new ConditionBuilder(null, 1, T1).set("Blocked", true, "SourceNotFound", "x").build();

    List<Condition> after =
        new ConditionBuilder(before, 2, T2).keep("Blocked").keep("Ready").build();

    assertThat(after).containsExactlyElementsOf(before);
  }

  @Test
  void longMessagesAreShortened() {
    String message = "x".repeat(5000);
    Condition condition =
        new ConditionBuilder(null, 1, T1).set("Ready", false, "R", message).build().get(0);
    assertThat(condition.getMessage()).hasSize(ConditionBuilder.MESSAGE_LIMIT).endsWith("...");
  }
}
