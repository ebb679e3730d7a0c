package io.vmclone.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.crash.Interruption.JournalAt;
import io.vmclone.operator.api.ClonePhase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness's restatement of the restart policy: which outcome each history demands. */
class ExpectationTest {

  private static final CloneRef DEFAULT = new CloneRef("a", "src-a", "uid-a", null, 2);
  private static final CloneRef NO_RESTARTS = new CloneRef("a", "src-a", "uid-a", 0, 2);
  private static final CloneRef ONE_RESTART = new CloneRef("a", "src-a", "uid-a", 1, 2);

  @Test
  void aCloneNoStopCaughtSucceedsWithoutRestart() {
    assertThat(expect(DEFAULT, true)).isEqualTo(success(0));
  }

  @Test
  void aCloneCaughtMidWorkflowRestartsOnce() {
    assertThat(expect(DEFAULT, true, JournalAt.PENDING)).isEqualTo(success(1));
  }

  @Test
  void aCloneCommittedBeforeTheStopIsOnlyProjected() {
    assertThat(expect(DEFAULT, true, JournalAt.COMMITTED)).isEqualTo(success(0));
  }

  @Test
  void aCloneNotYetOpenedAtTheStopStartsAfresh() {
    assertThat(expect(DEFAULT, true, JournalAt.NOT_OPENED)).isEqualTo(success(0));
  }

  @Test
  void aCloneThatMayNotRestartFailsMaxRestartsExceededWithoutCountingOne() {
    assertThat(expect(NO_RESTARTS, true, JournalAt.PENDING))
        .isEqualTo(new Expectation(ClonePhase.Failed, Expectation.MAX_RESTARTS_EXCEEDED, 0));
  }

  @Test
  void aCloneInterruptedOnceMoreThanAllowedFailsAfterItsRestarts() {
    assertThat(expect(ONE_RESTART, true, JournalAt.PENDING, JournalAt.PENDING))
        .isEqualTo(new Expectation(ClonePhase.Failed, Expectation.MAX_RESTARTS_EXCEEDED, 1));
  }

  @Test
  void aCloneInterruptedTwiceWithinItsPolicyRestartsTwice() {
    assertThat(expect(DEFAULT, true, JournalAt.PENDING, JournalAt.PENDING)).isEqualTo(success(2));
  }

  @Test
  void aStopDuringAPendingRecoveryCountsNoSecondRestart() {
    assertThat(expect(DEFAULT, true, JournalAt.PENDING, JournalAt.RECOVERING))
        .isEqualTo(success(1));
  }

  @Test
  void withContinuousOperationDisabledAnInterruptedCloneFailsInterrupted() {
    assertThat(expect(DEFAULT, false, JournalAt.PENDING))
        .isEqualTo(new Expectation(ClonePhase.Failed, Expectation.INTERRUPTED, 0));
  }

  @Test
  void withContinuousOperationDisabledAnUninterruptedCloneSucceeds() {
    assertThat(expect(DEFAULT, false, JournalAt.NOT_OPENED)).isEqualTo(success(0));
  }

  @Test
  void anUndoCaughtByTheStopGoesOnToAFailureOfItsOwnReason() {
    assertThat(expect(DEFAULT, true, JournalAt.UNDOING))
        .isEqualTo(new Expectation(ClonePhase.Failed, null, 0));
  }

  private static Expectation expect(CloneRef clone, boolean continuous, JournalAt... states) {
    List<Interruption> stops =
        Arrays.stream(states).map(state -> Interruption.of("stop", Map.of("a", state))).toList();
    return Expectation.of(clone, stops, continuous);
  }

  private static Expectation success(int restarts) {
    return new Expectation(ClonePhase.Succeeded, null, restarts);
  }
}
