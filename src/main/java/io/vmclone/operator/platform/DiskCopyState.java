package io.vmclone.operator.platform;

/**
 * What a DataVolume copying one disk says about itself.
 *
 * @param name the DataVolume
 * @param phase where it is
 * @param progressPercent 0-100 (100 once succeeded)
 * @param message why it failed, or CDI's last word on it
 */
public record DiskCopyState(String name, Phase phase, int progressPercent, String message) {

  /** Lifecycle of a copy as the operator sees it. */
  public enum Phase {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED
  }
}
