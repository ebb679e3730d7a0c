package io.vmclone.bench;

import io.vmclone.controlplane.AuditLog;
import io.vmclone.testing.OperatorInstall;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the requests the operators sent, from the API server's audit log: events of the chart's
 * ServiceAccount with the benchmark's User-Agent (the simulator and the benchmark itself are the
 * admin), by verb and resource: {@code PATCH virtualmachineclones/status}, {@code GET
 * virtualmachines}, {@code WATCH leases}. A watch is logged when it ends.
 */
final class RequestCounter {

  /** The User-Agent the benchmark gives the operator processes (KUBERNETES_USER_AGENT). */
  static final String OPERATOR_AGENT = "vmclone-operator-bench";

  private final AuditLog log;
  private final String agent;
  private long point;

  /** Counts the operators' requests from now on. */
  RequestCounter(AuditLog log) {
    this(log, OPERATOR_AGENT);
  }

  /** Counts the requests of the operator's ServiceAccount with this User-Agent from now on. */
  RequestCounter(AuditLog log, String agent) {
    this.log = log;
    this.agent = agent;
    this.point = log.end();
  }

  /** The counts since the last call (or the start), by verb and resource. */
  synchronized Map<String, Long> drain() {
    AuditLog.Slice slice =
        log.eventsFrom(
            point, e -> e.user().equals(OperatorInstall.USER) && agent.equals(e.userAgent()));
    point = slice.end();
    Map<String, Long> counts = new TreeMap<>();
    slice
        .events()
        .forEach(e -> counts.merge(key(e.verb(), e.resource(), e.subresource()), 1L, Long::sum));
    return counts;
  }

  /**
   * The request's HTTP method (the audit verb's: get and list are GET) and resource, e.g. {@code
   * PATCH virtualmachineclones/status}; watches are {@code WATCH}.
   */
  static String key(String verb, String resource, String subresource) {
    String method =
        switch (verb) {
          case "get", "list" -> "GET";
          case "create" -> "POST";
          case "update" -> "PUT";
          case "patch" -> "PATCH";
          case "delete", "deletecollection" -> "DELETE";
          default -> verb.toUpperCase(java.util.Locale.ROOT);
        };
    return method + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource);
  }

  /** Requests per clone in the counts: every request but the leader election's own. */
  static long perCloneRequests(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> !e.getKey().endsWith(" leases") && !e.getKey().contains("rulesreviews"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
