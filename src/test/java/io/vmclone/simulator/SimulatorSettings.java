package io.vmclone.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How fast and how reliably the simulated KubeVirt and CDI controllers work.
 *
 * @param snapshotDelay from a VirtualMachineSnapshot's creation to its content being ready
 * @param copyDuration how long one DataVolume takes from 0% to 100%
 * @param progressInterval how often a DataVolume's progress is written
 * @param vmStartDelay from a VirtualMachine being asked to run to it being Running
 * @param failCopyMatching DataVolumes whose name this finds fail half way; null for none
 * @param failSnapshotMatching snapshots whose name this finds fail; null for none
 */
public record SimulatorSettings(
    Duration snapshotDelay,
    Duration copyDuration,
    Duration progressInterval,
    Duration vmStartDelay,
    Pattern failCopyMatching,
    Pattern failSnapshotMatching) {

  public SimulatorSettings {
    Objects.requireNonNull(snapshotDelay, "snapshotDelay");
    Objects.requireNonNull(copyDuration, "copyDuration");
    Objects.requireNonNull(progressInterval, "progressInterval");
    Objects.requireNonNull(vmStartDelay, "vmStartDelay");
    if (progressInterval.isZero() || progressInterval.isNegative()) {
      throw new IllegalArgumentException("progressInterval must be positive: " + progressInterval);
    }
  }

  /** The sandbox's pace: snapshots in 2 s, copies in 20 s, VMs start in 3 s, no failures. */
  public static SimulatorSettings defaults() {
    return new SimulatorSettings(
        Duration.ofSeconds(2),
        Duration.ofSeconds(20),
        Duration.ofSeconds(1),
        Duration.ofSeconds(3),
        null,
        null);
  }

  /** A pace for tests: everything within tens of milliseconds, no failures. */
  public static SimulatorSettings fast() {
    return new SimulatorSettings(
        Duration.ofMillis(50),
        Duration.ofMillis(400),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        null,
        null);
  }

  /** These settings, with copies of DataVolumes whose name matches the regex failing. */
  public SimulatorSettings withFailCopyMatching(String regex) {
    return new SimulatorSettings(
        snapshotDelay,
        copyDuration,
        progressInterval,
        vmStartDelay,
        compile(regex),
        failSnapshotMatching);
  }

  /** These settings, with snapshots whose name matches the regex failing. */
  public SimulatorSettings withFailSnapshotMatching(String regex) {
    return new SimulatorSettings(
        snapshotDelay,
        copyDuration,
        progressInterval,
        vmStartDelay,
        failCopyMatching,
        compile(regex));
  }

  /** These settings with another copy duration. */
  public SimulatorSettings withCopyDuration(Duration duration) {
    return new SimulatorSettings(
        snapshotDelay,
        duration,
        progressInterval,
        vmStartDelay,
        failCopyMatching,
        failSnapshotMatching);
  }

  boolean failsCopy(String dataVolumeName) {
    return failCopyMatching != null && failCopyMatching.matcher(dataVolumeName).find();
  }

  boolean failsSnapshot(String snapshotName) {
    return failSnapshotMatching != null && failSnapshotMatching.matcher(snapshotName).find();
  }

  private static Pattern compile(String regex) {
    return regex == null ? null : Pattern.compile(regex);
  }
}
