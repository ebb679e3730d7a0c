package io.vmclone.bench;

import java.util.Locale;

/**
 * What a measured number must reach: at most or at least a limit.
 *
 * @param atMost true for an upper bound (times, memory), false for a lower bound (rates)
 * @param limit the bound, in the unit of the measured number
 * @param text how the table states it, e.g. {@code <= 2 s}
 */
public record Target(boolean atMost, double limit, String text) {

  public static Target atMost(double limit, String unit) {
    return new Target(true, limit, "<= " + number(limit) + unit);
  }

  public static Target atLeast(double limit, String unit) {
    return new Target(false, limit, ">= " + number(limit) + unit);
  }

  /** This target with another text (to say where the limit comes from). */
  public Target described(String otherText) {
    return new Target(atMost, limit, otherText);
  }

  public boolean met(double measured) {
    return atMost ? measured <= limit : measured >= limit;
  }

  /** How far a measured number is from the limit, as a fraction of it (0 when met). */
  public double shortfall(double measured) {
    if (met(measured) || limit == 0) {
      return 0;
    }
    return Math.abs(measured - limit) / limit;
  }

  private static String number(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }
}
