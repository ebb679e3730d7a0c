package io.vmclone.bench;

/**
 * One line of the result table.
 *
 * @param scenario what was measured
 * @param measured the measurement as shown (median, range, count)
 * @param baseline what it is compared with, or "-"
 * @param target the target as shown, or "-" for a number that is reported only
 * @param verdict PASS, MISS, or "-" for a number that is reported only
 */
public record Row(
    String scenario, String measured, String baseline, String target, String verdict) {

  /** A number reported for context (a limit, a baseline), judged against nothing. */
  public static Row info(String scenario, String measured, String baseline) {
    return new Row(scenario, measured, baseline, "-", "-");
  }

  /** A number judged against its target. */
  public static Row judged(
      String scenario, double value, String measured, String baseline, Target target) {
    return new Row(
        scenario, measured, baseline, target.text(), target.met(value) ? "PASS" : "MISS");
  }

  /** A scenario that could not be measured (its failure in the measured column). */
  public static Row failed(String scenario, String problem, String target) {
    return new Row(scenario, "failed: " + problem, "-", target, "MISS");
  }
}
