package io.vmclone.sandbox.picture;

import io.vmclone.testing.PrometheusText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The {@code vmclone_*} samples of several replicas over time, one line per sample: {@code millis
 * TAB replica TAB name TAB labels TAB value}, labels as {@code k=v,k=v} (sorted) or {@code -}. Each
 * scrape also records {@code up} (1, or 0 when the replica did not answer).
 *
 * <p>Counters are read as Prometheus' {@code increase} does: a value lower than the one before
 * means the replica restarted and its counter began again at zero. The recording starts with a
 * fresh sandbox, so every counter starts at zero.
 */
public final class Recording {

  /** One sample of one series of one replica. */
  record Sample(
      long millis, String replica, String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final long start;
  private final long end;

  private Recording(List<Sample> samples) {
    this.samples = samples;
    this.start = samples.stream().mapToLong(Sample::millis).min().orElse(0);
    this.end = samples.stream().mapToLong(Sample::millis).max().orElse(0);
  }

  /** The lines one scrape of a replica adds; {@code scrape} is null when it did not answer. */
  public static String lines(long millis, String replica, PrometheusText scrape) {
    StringBuilder out = new StringBuilder();
    out.append(line(millis, replica, "up", Map.of(), scrape == null ? 0 : 1));
    if (scrape != null) {
      for (PrometheusText.Sample sample : scrape.samples()) {
        // Histogram buckets are left out: the picture draws means, and they are most of a scrape.
        if (sample.name().startsWith("vmclone_") && !sample.name().endsWith("_bucket")) {
          out.append(line(millis, replica, sample.name(), sample.labels(), sample.value()));
        }
      }
    }
    return out.toString();
  }

  public static Recording parse(List<String> lines) {
    List<Sample> samples = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length == 5) {
        samples.add(new Sample(Long.parseLong(f[0]), f[1], f[2], labels(f[3]), number(f[4])));
      }
    }
    return new Recording(samples);
  }

  /** Seconds from the first sample to the last. */
  public double seconds() {
    return (end - start) / 1000.0;
  }

  /** Seconds since the start of the recording at the given wall-clock time. */
  public double secondsAt(long millis) {
    return (millis - start) / 1000.0;
  }

  public List<String> replicas() {
    return samples.stream().map(Sample::replica).distinct().sorted().toList();
  }

  /**
   * A gauge as one line: per second, the largest value any replica reported; NaN (a gap) in a
   * second where every replica reported NaN (no value).
   */
  public List<double[]> gaugeMax(String name) {
    TreeMap<Long, Double> perSecond = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name)) {
        perSecond.merge((s.millis() - start) / 1000, s.value(), Recording::maxOfKnown);
      }
    }
    return perSecond.entrySet().stream().map(e -> new double[] {e.getKey(), e.getValue()}).toList();
  }

  /** A gauge of one replica, NaN where the replica did not answer. */
  public List<double[]> gaugeOf(String name, String replica) {
    List<double[]> points = new ArrayList<>();
    for (Sample s : samples) {
      if (s.replica().equals(replica) && s.name().equals("up") && s.value() == 0) {
        points.add(new double[] {secondsAt(s.millis()), Double.NaN});
      } else if (s.replica().equals(replica) && s.name().equals(name)) {
        points.add(new double[] {secondsAt(s.millis()), s.value()});
      }
    }
    return points;
  }

  /**
   * The increase of a counter summed over replicas and matching series, as a step line from zero at
   * the start to the total at the end.
   */
  public List<double[]> increase(String name, Predicate<Map<String, String>> labels) {
    TreeMap<Long, Double> deltas = new TreeMap<>();
    Map<String, Double> last = new LinkedHashMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && labels.test(s.labels())) {
        String series = s.replica() + s.labels();
        double before = last.getOrDefault(series, 0.0);
        double delta = s.value() >= before ? s.value() - before : s.value();
        last.put(series, s.value());
        deltas.merge(s.millis(), delta, Double::sum);
      }
    }
    List<double[]> line = new ArrayList<>();
    line.add(new double[] {0, 0});
    double total = 0;
    for (Map.Entry<Long, Double> delta : deltas.entrySet()) {
      total += delta.getValue();
      line.add(new double[] {secondsAt(delta.getKey()), total});
    }
    line.add(new double[] {seconds(), total});
    return line;
  }

  /** The total increase of a counter over the recording. */
  public double totalIncrease(String name, Predicate<Map<String, String>> labels) {
    List<double[]> line = increase(name, labels);
    return line.get(line.size() - 1)[1];
  }

  /** Per window of {@code seconds}: increase of {@code sum} over increase of {@code count}. */
  public List<double[]> windowedMean(String sum, String count, int seconds) {
    double[] sums = perWindow(increase(sum, l -> true), seconds);
    double[] counts = perWindow(increase(count, l -> true), seconds);
    List<double[]> line = new ArrayList<>();
    for (int i = 0; i < sums.length; i++) {
      if (counts[i] > 0) {
        line.add(new double[] {(i + 0.5) * seconds, sums[i] / counts[i]});
      }
    }
    return line;
  }

  /** Distinct values of a label among a series' samples, in order of appearance. */
  public List<String> labelValues(String name, String label) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().containsKey(label))
        .map(s -> s.labels().get(label))
        .distinct()
        .toList();
  }

  private static double maxOfKnown(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private double[] perWindow(List<double[]> cumulative, int seconds) {
    double[] windows = new double[(int) Math.ceil(seconds() / seconds) + 1];
    double previous = 0;
    for (double[] point : cumulative) {
      windows[(int) (point[0] / seconds)] += point[1] - previous;
      previous = point[1];
    }
    return windows;
  }

  private static String line(
      long millis, String replica, String name, Map<String, String> labels, double value) {
    String labelText =
        labels.isEmpty()
            ? "-"
            : new TreeMap<>(labels)
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(","));
    return millis + "\t" + replica + "\t" + name + "\t" + labelText + "\t" + value + "\n";
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    if (!text.equals("-")) {
      for (String pair : text.split(",")) {
        String[] kv = pair.split("=", 2);
        labels.put(kv[0], kv[1]);
      }
    }
    return labels;
  }

  private static double number(String text) {
    return text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
  }
}
