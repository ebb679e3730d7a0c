package io.vmclone.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operator's requests over some batches of clones, by {@link RequestCounter#key}, and how many
 * clones those batches held.
 *
 * @param counts requests by verb and resource, leader election included (it is left out per clone)
 * @param clones the clones of the batches counted
 */
record RequestTally(Map<String, Long> counts, int clones) {

  static final RequestTally NONE = new RequestTally(Map.of(), 0);

  RequestTally {
    counts = Map.copyOf(counts);
  }

  /** This tally with one more batch of {@code batchClones} clones and its requests. */
  RequestTally plus(Map<String, Long> batch, int batchClones) {
    Map<String, Long> sum = new TreeMap<>(counts);
    batch.forEach((key, count) -> sum.merge(key, count, Long::sum));
    return new RequestTally(sum, clones + batchClones);
  }

  /** Requests per clone, the leader election's left out; NaN without clones. */
  double perClone() {
    return clones == 0 ? Double.NaN : RequestCounter.perCloneRequests(counts) / (double) clones;
  }

  /**
   * Per clone and request, with the workflow's minimum where it is not zero, e.g. {@code GET
   * virtualmachines 5.00 (min 2), POST events 19.00 (min 1)}; the leader election's left out, and
   * every request of the minimum shown even when none was sent.
   */
  String breakdown() {
    Map<String, Long> minimum = MinimumRequest.byCounterKey();
    Set<String> keys = new TreeSet<>(minimum.keySet());
    counts.keySet().stream()
        .filter(key -> RequestCounter.perCloneRequests(Map.of(key, 1L)) > 0)
        .forEach(keys::add);
    StringBuilder out = new StringBuilder();
    for (String key : keys) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      double perClone = clones == 0 ? Double.NaN : counts.getOrDefault(key, 0L) / (double) clones;
      out.append(key).append(' ').append(String.format(Locale.ROOT, "%.2f", perClone));
      if (minimum.containsKey(key)) {
        out.append(" (min ").append(minimum.get(key)).append(')');
      }
    }
    return out.toString();
  }
}
