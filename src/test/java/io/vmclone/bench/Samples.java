package io.vmclone.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Repeated measurements of one quantity. The benchmark reports medians, because this machine is
 * shared and noisy: one slow repetition must not decide a verdict.
 *
 * @param values the measurements, in the order they were taken; never empty
 */
public record Samples(List<Double> values) {

  public Samples {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    values = List.copyOf(values);
  }

  public static Samples of(double... values) {
    List<Double> list = new ArrayList<>();
    for (double value : values) {
      list.add(value);
    }
    return new Samples(list);
  }

  /** The middle value; for an even count, the mean of the two middle values. */
  public double median() {
    List<Double> sorted = sorted();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    return sorted().get(values.size() - 1);
  }

  public int count() {
    return values.size();
  }

  /**
   * The median with the range and count, e.g. {@code 1.23 s (1.10-1.40, n=3)}; a single value is
   * shown alone.
   */
  public String describe(String unit, int decimals) {
    String format = "%." + decimals + "f";
    String median = String.format(Locale.ROOT, format, median()) + unit;
    if (count() == 1) {
      return median;
    }
    return median
        + " ("
        + String.format(Locale.ROOT, format, min())
        + "-"
        + String.format(Locale.ROOT, format, max())
        + ", n="
        + count()
        + ")";
  }

  private List<Double> sorted() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
