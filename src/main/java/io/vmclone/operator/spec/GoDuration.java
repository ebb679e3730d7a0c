package io.vmclone.operator.spec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * Durations as Go's {@code time.ParseDuration} reads them, which is how Kubernetes APIs write them:
 * a possibly signed sequence of decimal numbers, each with an optional fraction and a unit ({@code
 * 90s}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}, {@code -2m}); units are {@code ns}, {@code us}
 * (or {@code µs}), {@code ms}, {@code s}, {@code m} and {@code h}. {@code 0} alone needs no unit.
 * Like Go, the result is limited to about 292 years and rounds to whole nanoseconds.
 *
 * <p>Input longer than {@value #MAX_LENGTH} characters is refused before any number is read, so a
 * parse costs time linear in at most that many characters whatever it is given (the longest
 * duration Go can represent, {@code 2562047h47m16.854775807s}, has 24).
 */
public final class GoDuration {

  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L,
          "\u03bcs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  /** The longest text {@link #parse} reads. */
  public static final int MAX_LENGTH = 64;

  private GoDuration() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException naming the input and what is wrong with it
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"\": it is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "invalid duration \""
              + text.substring(0, 16)
              + "...\" ("
              + text.length()
              + " characters): longer than "
              + MAX_LENGTH
              + " characters");
    }
    int pos = 0;
    boolean negative = false;
    if (text.charAt(0) == '-' || text.charAt(0) == '+') {
      negative = text.charAt(0) == '-';
      pos = 1;
    }
    if (text.substring(pos).equals("0")) {
      return Duration.ZERO;
    }
    if (pos == text.length()) {
      throw invalid(text, "a number and a unit are missing");
    }
    BigDecimal total = BigDecimal.ZERO;
    while (pos < text.length()) {
      int numberEnd = scanNumber(text, pos);
      int unitEnd = scanUnit(text, numberEnd);
      total = total.add(term(text, pos, numberEnd, unitEnd));
      pos = unitEnd;
    }
    BigInteger nanos = total.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw invalid(text, "it is longer than about 292 years");
    }
    long value = nanos.longValueExact();
    return Duration.ofNanos(negative ? -value : value);
  }

  private static int scanNumber(String text, int start) {
    int pos = start;
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      pos++;
    }
    return pos;
  }

  private static int scanUnit(String text, int start) {
    int pos = start;
    while (pos < text.length() && !Character.isDigit(text.charAt(pos)) && text.charAt(pos) != '.') {
      pos++;
    }
    return pos;
  }

  private static BigDecimal term(String text, int start, int numberEnd, int unitEnd) {
    String number = text.substring(start, numberEnd);
    String unit = text.substring(numberEnd, unitEnd);
    if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
      throw invalid(text, "expected a number at position " + start);
    }
    if (unit.isEmpty()) {
      throw invalid(text, "missing unit after " + number + " (use ns, us, ms, s, m or h)");
    }
    Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
    if (nanosPerUnit == null) {
      throw invalid(text, "unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
    }
    return new BigDecimal(number.startsWith(".") ? "0" + number : number)
        .multiply(BigDecimal.valueOf(nanosPerUnit));
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("invalid duration \"" + text + "\": " + why);
  }
}
