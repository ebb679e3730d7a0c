package io.vmclone.operator.recovery;

import static io.vmclone.operator.recovery.RecoveryLaneTest.task;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.journal.TaskRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairOrderTest {

  @Test
  void namespacesTakeTurnsAndTheOldestGoesFirstWithinOne() {
    List<TaskRecord> tasks =
        List.of(
            task("a-young", "a", 5),
            task("a-old", "a", 1),
            task("a-middle", "a", 3),
            task("b-only", "b", 9),
            task("c-old", "c", 2),
            task("c-young", "c", 8));

    assertThat(FairOrder.of(tasks).stream().map(TaskRecord::cloneUid))
        .containsExactly("a-old", "c-old", "b-only", "a-middle", "c-young", "a-young");
  }

  @Test
  void nothingToOrderIsNothing() {
    assertThat(FairOrder.of(List.of())).isEmpty();
  }
}
