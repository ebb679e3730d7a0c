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
    assertThat(AccessReviewer.cappedLifetime(Duration.ofSeconds(10), RECHECK))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aTimeLongerThanATenthOfTheRecheckIsCutToIt() {
    assertThat(AccessReviewer.cappedLifetime(Duration.ofMinutes(10), RECHECK))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(AccessReviewer.cappedLifetime(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void zeroTurnsTheReuseOffAndSoDoesARecheckOfZero() {
    assertThat(AccessReviewer.cappedLifetime(Duration.ZERO, RECHECK)).isZero();
    assertThat(AccessReviewer.cappedLifetime(Duration.ofSeconds(10), Duration.ZERO)).isZero();
  }

  @Test
  void aNegativeTimeIsRefused() {
    assertThatThrownBy(() -> AccessReviewer.cappedLifetime(Duration.ofSeconds(-1), RECHECK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access-review-cache");
  }
}
