package io.vmclone.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vmclone.operator.journal.LeaderEpoch;
import org.junit.jupiter.api.Test;

class LeadershipGaugesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LeaderEpoch epoch = new LeaderEpoch();

  @Test
  void aStandbyReportsZeroAndNoEpoch() {
    new LeadershipGauges().register(null, epoch, registry);

    assertThat(registry.get("vmclone.leader").gauge().value()).isZero();
    assertThat(registry.get("vmclone.leadership.epoch").gauge().value()).isNaN();
  }

  @Test
  void aLeaderReportsOneAndNoEpochBeforeItsFirstWrite() {
    new LeadershipGauges().register(null, epoch, registry);
    epoch.becomeLeader("operator-1");

    assertThat(registry.get("vmclone.leader").gauge().value()).isEqualTo(1);
    assertThat(registry.get("vmclone.leadership.epoch").gauge().value()).isNaN();
  }

  @Test
  void aLeaderThatSteppedDownReportsZeroAgain() {
    new LeadershipGauges().register(null, epoch, registry);
    epoch.becomeLeader("operator-1");
    epoch.stepDown();

    assertThat(registry.get("vmclone.leader").gauge().value()).isZero();
  }
}
