package io.vmclone.operator.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryLaneTest {

  /** Five reconcile threads: one slot for recovery, four kept for new work. */
  private final RecoveryLane lane = new RecoveryLane(Optional.of(5));

  private final List<String> woken = new ArrayList<>();

  private Optional<RecoveryLane.Pass> enter(String uid, boolean startedBefore) {
    return lane.enter(uid, startedBefore, () -> woken.add(uid));
  }

  @Test
  void withoutARecoveryEveryReconcilePasses() {
    assertThat(enter("a", true)).isPresent();
    assertThat(enter("b", false)).isPresent();
  }

  @Test
  void untilTheScanReportsOnlyClonesThatStartedBeforeWait() {
    lane.leadershipBegins();
    assertThat(enter("old", true)).isEmpty();
    assertThat(enter("new", false)).isPresent();
  }

  @Test
  void interruptedClonesWaitUntilTheirSourcesAreFlaggedAndOthersGoOn() {
    lane.leadershipBegins();
    lane.interruptedFound(List.of("a", "b"));
    assertThat(enter("a", true)).isEmpty();
    assertThat(enter("handed-over", true)).isPresent();
    assertThat(woken).isEmpty();
    lane.sourcesFlagged();
    assertThat(woken).containsExactly("a");
  }

  @Test
  void aSlotGivenBackWakesTheNextInLineInOrder() {
    lane.leadershipBegins();
    lane.interruptedFound(List.of("a", "b", "c"));
    lane.sourcesFlagged();
    RecoveryLane.Pass first = enter("a", true).orElseThrow();
    assertThat(enter("b", true)).isEmpty();
    assertThat(enter("c", true)).isEmpty();
    first.close();
    assertThat(woken).containsExactly("b");
    enter("b", true).orElseThrow().close();
    assertThat(woken).containsExactly("b", "c");
  }

  @Test
  void aRecoveredCloneIsOrdinaryWorkAgain() {
    lane.leadershipBegins();
    lane.interruptedFound(List.of("a", "b"));
    lane.sourcesFlagged();
    RecoveryLane.Pass held = enter("a", true).orElseThrow();
    assertThat(enter("b", true)).isEmpty();
    lane.recovered("b");
    assertThat(enter("b", true)).isPresent();
    held.close();
  }

  @Test
  void aCloneInLineTwiceIsWokenOnce() {
    lane.leadershipBegins();
    lane.interruptedFound(List.of("a", "b"));
    lane.sourcesFlagged();
    RecoveryLane.Pass held = enter("a", true).orElseThrow();
    assertThat(enter("b", true)).isEmpty();
    assertThat(enter("b", true)).isEmpty();
    held.close();
    enter("b", true).orElseThrow().close();
    assertThat(woken).containsExactly("b");
  }
}
