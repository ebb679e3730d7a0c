package io.vmclone.bench;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts, at the mock API server, the requests the operators send (told apart from the simulator's
 * and the benchmark's own by their User-Agent), by verb and resource: {@code PATCH
 * virtualmachineclones/status}, {@code GET virtualmachines}, {@code WATCH leases}. Runs on the
 * mock's event loop, so it only increments counters.
 */
final class RequestCounter implements Consumer<RecordedRequest> {

  /** The User-Agent the benchmark gives the operator processes (KUBERNETES_USER_AGENT). */
  static final String OPERATOR_AGENT = "vmclone-operator-bench";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void accept(RecordedRequest request) {
    if (OPERATOR_AGENT.equals(request.getHeader("User-Agent"))) {
      counts
          .computeIfAbsent(key(request.getMethod(), request.getPath()), k -> new LongAdder())
          .increment();
    }
  }

  /** The counts since the last call, by verb and resource; the counters start again at zero. */
  Map<String, Long> drain() {
    Map<String, Long> drained = new TreeMap<>();
    counts.forEach((key, adder) -> drained.put(key, adder.sumThenReset()));
    drained.values().removeIf(count -> count == 0);
    return drained;
  }

  /** The request's verb and resource, e.g. {@code PATCH virtualmachineclones/status}. */
  static String key(String method, String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    boolean watch = query >= 0 && path.substring(query).contains("watch=true");
    String[] parts = bare.replaceFirst("^/", "").split("/");
    int resource = resourceIndex(parts);
    String name = resource < parts.length ? parts[resource] : bare;
    if (resource + 2 < parts.length) {
      name += "/" + parts[resource + 2];
    }
    return (watch ? "WATCH" : method) + " " + name;
  }

  /** Requests per clone in the counts: every request but the leader election's own. */
  static long perCloneRequests(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> !e.getKey().endsWith(" leases") && !e.getKey().contains("rulesreviews"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static int resourceIndex(String[] parts) {
    for (int i = 0; i + 1 < parts.length; i++) {
      if (parts[i].equals("namespaces") && i + 2 < parts.length) {
        return i + 2;
      }
    }
    // cluster-scoped: /api/v1/<resource> or /apis/<group>/<version>/<resource>
    return parts.length > 0 && parts[0].equals("api") ? 2 : 3;
  }
}
