package io.vmclone.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.vmclone.operator.api.ConditionTypes;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.api.VirtualMachineCloneStatus;
import io.vmclone.operator.journal.JournalUnavailableException;
import io.vmclone.operator.workflow.CreationKeyUnavailableException;

/**
 * A reconcile that threw, as the clone shows it: a condition reason by the kind of failure (the
 * database, the API server, anything else) and a message for people that says it is retried.
 */
record ReconcileFailure(String reason, String message) {

  static ReconcileFailure of(Exception thrown) {
    Throwable e = unwrap(thrown);
    String reason = reasonFor(e);
    String prefix =
        reason.equals(Reasons.RECONCILE_ERROR) ? e.getClass().getSimpleName() + ": " : "";
    return new ReconcileFailure(reason, prefix + e.getMessage() + " (retrying)");
  }

  /** Whether the status already shows this failure (its event was published then). */
  boolean shownIn(VirtualMachineCloneStatus status) {
    return status != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    ConditionTypes.PROGRESSING.equals(c.getType()) && reason.equals(c.getReason()));
  }

  /**
   * The exception the reconcile threw: JOSDK's Micrometer metrics time each reconcile and hand
   * errors on wrapped in an OperatorException.
   */
  private static Throwable unwrap(Exception thrown) {
    Throwable e = thrown;
    while (e instanceof OperatorException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String reasonFor(Throwable e) {
    if (e instanceof JournalUnavailableException) {
      return Reasons.DATABASE_UNAVAILABLE;
    }
    if (e instanceof CreationKeyUnavailableException) {
      return Reasons.CREATION_KEY_UNAVAILABLE;
    }
    if (e instanceof KubernetesClientException) {
      return Reasons.API_SERVER_ERROR;
    }
    return Reasons.RECONCILE_ERROR;
  }
}
