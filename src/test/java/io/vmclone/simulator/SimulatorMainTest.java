package io.vmclone.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorMainTest {

  @Test
  void withoutFlagsTheSandboxDefaultsApply() {
    SimulatorSettings settings = SimulatorMain.parse();

    assertThat(settings).isEqualTo(SimulatorSettings.defaults());
    assertThat(settings.snapshotDelay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.copyDuration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.vmStartDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void flagsSetDelaysAndFailurePatterns() {
    SimulatorSettings settings =
        SimulatorMain.parse(
            "--snapshot-seconds", "0.5",
            "--copy-seconds", "60",
            "--vm-start-seconds", "0",
            "--fail-copy-matching", "-data$",
            "--fail-snapshot-matching", "^bad");

    assertThat(settings.snapshotDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.copyDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.vmStartDelay()).isZero();
    assertThat(settings.failsCopy("vmclone-1234abcd-data")).isTrue();
    assertThat(settings.failsCopy("vmclone-1234abcd-root")).isFalse();
    assertThat(settings.failsSnapshot("bad-snap")).isTrue();
    assertThat(settings.failsSnapshot("good-snap")).isFalse();
  }

  @Test
  void unknownFlagsAndBadValuesAreRefused() {
    assertThatThrownBy(() -> SimulatorMain.parse("--fast")).hasMessageContaining("--fast");
    assertThatThrownBy(() -> SimulatorMain.parse("--copy-seconds", "soon"))
        .hasMessageContaining("--copy-seconds");
    assertThatThrownBy(() -> SimulatorMain.parse("--copy-seconds", "-1"))
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> SimulatorMain.parse("--fail-copy-matching", "("))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void webhookFlagsComeAllTogether() {
    assertThat(
            SimulatorMain.parse(
                "--webhook-port", "9443", "--tls-cert", "c", "--tls-key", "k", "--ca", "a"))
        .isEqualTo(SimulatorSettings.defaults());
    assertThatThrownBy(() -> SimulatorMain.parse("--webhook-port", "9443", "--tls-cert", "c"))
        .hasMessageContaining("--tls-key");
    assertThatThrownBy(() -> SimulatorMain.parse("--tls-cert", "c"))
        .hasMessageContaining("--webhook-port");
    assertThatThrownBy(
            () ->
                SimulatorMain.parse(
                    "--webhook-port", "soon", "--tls-cert", "c", "--tls-key", "k", "--ca", "a"))
        .hasMessageContaining("port number");
  }
}
