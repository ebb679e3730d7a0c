package io.vmclone.sandbox.front;

import java.time.Duration;

/**
 * Formats an age the way the Kubernetes API server fills {@code date} printer columns ("45s",
 * "3m20s", "2h5m", "3d4h", "2y10d"): the server, not kubectl, turns the timestamp into this text.
 * The precision drops as the age grows, so that a column stays short.
 */
final class HumanDuration {

  private HumanDuration() {}

  static String format(Duration age) {
    long seconds = age.getSeconds();
    // Up to a second in the future counts as now: clocks of client and server differ slightly.
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (days < 8) {
      return withRemainder(days, "d", hours % 24, "h");
    }
    if (days < 365 * 2) {
      return days + "d";
    }
    long years = days / 365;
    if (years < 8) {
      return withRemainder(years, "y", days % 365, "d");
    }
    return years + "y";
  }

  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
