package io.vmclone.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A Prometheus text exposition (what {@code /q/metrics} answers) parsed into samples, so tests and
 * the metrics picture read values by name and labels instead of matching text, whose label syntax
 * differs between client versions (a trailing comma or not).
 */
public final class PrometheusText {

  /** One sample line: {@code name{labels} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** Whether every given label has the given value ({@code key, value, key, value...}). */
    public boolean has(String... keyValues) {
      for (int i = 0; i + 1 < keyValues.length; i += 2) {
        if (!keyValues[i + 1].equals(labels.get(keyValues[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  public static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        samples.add(sample(line.strip()));
      }
    }
    return new PrometheusText(samples);
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The samples of a series name, e.g. {@code vmclone_clones_total}. */
  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The value of the one sample with that name and labels ({@code key, value, ...}), if any. */
  public OptionalDouble value(String name, String... labels) {
    Optional<Sample> found = named(name).stream().filter(s -> s.has(labels)).findFirst();
    return found.map(s -> OptionalDouble.of(s.value())).orElse(OptionalDouble.empty());
  }

  /** The sum over every sample with that name and labels; 0 when there is none. */
  public double sum(String name, String... labels) {
    return named(name).stream().filter(s -> s.has(labels)).mapToDouble(Sample::value).sum();
  }

  private static Sample sample(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (brace < 0 || brace > space) {
      return new Sample(line.substring(0, space), Map.of(), number(line.substring(space + 1)));
    }
    Map<String, String> labels = new LinkedHashMap<>();
    int i = brace + 1;
    while (line.charAt(i) != '}') {
      int equals = line.indexOf('=', i);
      String key = line.substring(i, equals).strip();
      StringBuilder value = new StringBuilder();
      int j = equals + 2;
      for (; line.charAt(j) != '"'; j++) {
        char c = line.charAt(j);
        if (c == '\\') {
          c = line.charAt(++j) == 'n' ? '\n' : line.charAt(j);
        }
        value.append(c);
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
    return new Sample(line.substring(0, brace), labels, number(line.substring(i + 2)));
  }

  private static double number(String text) {
    String value = text.strip().split(" ")[0];
    return switch (value) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
