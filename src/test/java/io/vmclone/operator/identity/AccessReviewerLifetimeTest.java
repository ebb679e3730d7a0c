package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long an allowed answer is reused: as configured, never more than a tenth of the recheck. */
class AccessReviewerLifetimeTest {

  private static final Duration RECHECK = Duration.ofMinutes(5);

  @Test
  void theConfiguredTimeIsUsedWhenItIsShort() {
    assertThat(AccessReviewer.answerLifetime(Duration.ofSeconds(10), RECHECK))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aTimeLongerThanATenthOfTheRecheckIsCutToIt() {
    assertThat(AccessReviewer.answerLifetime(Duration.ofMinutes(10), RECHECK))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(AccessReviewer.answerLifetime(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void zeroTurnsTheReuseOffAndSoDoesARecheckOfZero() {
    assertThat(AccessReviewer.answerLifetime(Duration.ZERO, RECHECK)).isZero();
    assertThat(AccessReviewer.answerLifetime(Duration.ofSeconds(10), Duration.ZERO)).isZero();
  }

  @Test
  void aNegativeTimeIsRefused() {
    assertThatThrownBy(() -> AccessReviewer.answerLifetime(Duration.ofSeconds(-1), RECHECK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access-review-cache");
  }
}
