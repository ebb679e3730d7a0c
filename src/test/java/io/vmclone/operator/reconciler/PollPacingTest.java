package io.vmclone.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollPacingTest {

  private static final Duration RUNNING = Duration.ofSeconds(1);

  @Test
  void anActionJustStartedIsLookedAtAfterATenthOfTheInterval() {
    assertEquals(Duration.ofMillis(100), PollPacing.next(Duration.ofMillis(5), RUNNING));
  }

  @Test
  void theDelayGrowsWithTheWaitSoFar() {
    assertEquals(Duration.ofMillis(400), PollPacing.next(Duration.ofMillis(400), RUNNING));
  }

  @Test
  void aLongWaitIsLookedAtEveryInterval() {
    assertEquals(RUNNING, PollPacing.next(Duration.ofMinutes(3), RUNNING));
  }

  @Test
  void anUnknownOrNegativeWaitGetsTheFirstDelay() {
    assertEquals(Duration.ofMillis(100), PollPacing.next(null, RUNNING));
    assertEquals(Duration.ofMillis(100), PollPacing.next(Duration.ofSeconds(-2), RUNNING));
  }

  @Test
  void aShortIntervalKeepsAFloorAndNeverExceedsTheInterval() {
    Duration shortInterval = Duration.ofMillis(100);
    assertEquals(Duration.ofMillis(50), PollPacing.next(Duration.ZERO, shortInterval));
    assertEquals(shortInterval, PollPacing.next(Duration.ofSeconds(1), shortInterval));
    Duration tiny = Duration.ofMillis(20);
    assertEquals(tiny, PollPacing.next(Duration.ZERO, tiny));
  }

  @Test
  void aWatchedCloneIsLookedAtOnlyAfterTheSafetyNetHoweverLongItWaited() {
    Duration safetyNet = Duration.ofMinutes(1);
    assertEquals(safetyNet, PollPacing.waiting(true, Duration.ZERO, RUNNING, safetyNet));
    assertEquals(safetyNet, PollPacing.waiting(true, Duration.ofHours(1), RUNNING, safetyNet));
  }

  @Test
  void anUnwatchedCloneIsPolledWithTheBackOff() {
    Duration safetyNet = Duration.ofMinutes(1);
    assertEquals(
        Duration.ofMillis(100),
        PollPacing.waiting(false, Duration.ofMillis(5), RUNNING, safetyNet));
    assertEquals(RUNNING, PollPacing.waiting(false, Duration.ofMinutes(3), RUNNING, safetyNet));
  }
}
