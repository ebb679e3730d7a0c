package io.vmclone.crash;

import io.vmclone.controlplane.AuditLog;
import io.vmclone.testing.OperatorInstall;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the API server refused the operators anything during a case: every answer 403 to the
 * chart's ServiceAccount in the audit log, and every operator log line that says Forbidden. Either
 * means the chart's RBAC ({@code k8s/rbac.yaml}) is not enough for what the case made the operator
 * do: a clone, a recovery after kill -9, a handover, a ServiceAccount requester's clone.
 */
final class Refusals {

  private Refusals() {}

  /**
   * The refusals since the point of the audit log, and in the processes' logs, as problems of the
   * case (none when the chart's RBAC sufficed).
   */
  static List<String> since(AuditLog audit, long point, List<OperatorProcess> processes) {
    List<String> problems = new ArrayList<>();
    List<AuditLog.Event> refused =
        audit
            .eventsFrom(point, e -> e.user().equals(OperatorInstall.USER) && e.code() == 403)
            .events();
    for (AuditLog.Event event : refused) {
      problems.add(
          "the API server refused the operator: "
              + event.verb()
              + " "
              + event.resource()
              + (event.subresource().isEmpty() ? "" : "/" + event.subresource())
              + " in '"
              + event.namespace()
              + "' (403)");
    }
    for (OperatorProcess process : processes) {
      process
          .logText()
          .lines()
          .filter(line -> line.toLowerCase(Locale.ROOT).contains("forbidden"))
          .findFirst()
          .ifPresent(line -> problems.add(process.name() + " logged: " + abbreviate(line)));
    }
    return problems.stream().distinct().toList();
  }

  private static String abbreviate(String line) {
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
