package io.vmclone.operator.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
    lane.interruptedFound(tasks("a", "b"));
    assertThat(enter("a", true)).isEmpty();
    assertThat(enter("handed-over", true)).isPresent();
    assertThat(woken).isEmpty();
    lane.sourcesFlagged();
    assertThat(woken).containsExactly("a");
  }

  @Test
  void aSlotGivenBackWakesTheNextInLineInOrder() {
    lane.leadershipBegins();
    lane.interruptedFound(tasks("a", "b", "c"));
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
    lane.interruptedFound(tasks("a", "b"));
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
    lane.interruptedFound(tasks("a", "b"));
    lane.sourcesFlagged();
    RecoveryLane.Pass held = enter("a", true).orElseThrow();
    assertThat(enter("b", true)).isEmpty();
    assertThat(enter("b", true)).isEmpty();
    held.close();
    enter("b", true).orElseThrow().close();
    assertThat(woken).containsExactly("b");
  }

  @Test
  void namespacesTakeTurnsSoThatOneWithManyClonesStarvesNoOther() {
    lane.leadershipBegins();
    List<TaskRecord> interrupted = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      interrupted.add(task("a" + i, "crowded", i));
    }
    interrupted.add(task("b", "quiet", 100));
    interrupted.forEach(task -> assertThat(enter(task.cloneUid(), true)).isEmpty());
    lane.interruptedFound(interrupted);
    lane.sourcesFlagged();

    assertThat(recoveredInTurn(21)).startsWith("a0", "b", "a1", "a2");
  }

  @Test
  void theLineGoesByTurnNotByArrival() {
    lane.leadershipBegins();
    lane.interruptedFound(tasks("first", "old", "young"));
    lane.sourcesFlagged();
    RecoveryLane.Pass held = enter("first", true).orElseThrow();
    assertThat(enter("young", true)).isEmpty();
    assertThat(enter("old", true)).isEmpty();
    held.close();
    assertThat(woken).containsExactly("old");
  }

  /** Plays JOSDK: each wake-up is a reconcile that recovers the clone and gives the slot back. */
  private List<String> recoveredInTurn(int count) {
    List<String> recovered = new ArrayList<>();
    while (recovered.size() < count && !woken.isEmpty()) {
      String next = woken.remove(0);
      enter(next, true)
          .ifPresent(
              pass -> {
                recovered.add(next);
                lane.recovered(next);
                pass.close();
              });
    }
    return recovered;
  }

  private static List<TaskRecord> tasks(String... uids) {
    List<TaskRecord> tasks = new ArrayList<>();
    for (int i = 0; i < uids.length; i++) {
      tasks.add(task(uids[i], "default", i));
    }
    return tasks;
  }

  static TaskRecord task(String cloneUid, String namespace, int minute) {
    return new TaskRecord(
        UUID.randomUUID(),
        namespace,
        cloneUid,
        cloneUid,
        TaskState.RUNNING,
        0,
        null,
        null,
        Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * minute),
        null,
        null,
        Instant.parse("2026-12-02T00:00:00Z"),
        3,
        0,
        null,
        null,
        null);
  }
}
