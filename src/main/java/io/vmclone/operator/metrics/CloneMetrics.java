package io.vmclone.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vmclone.operator.api.Reasons;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The operator's counters and histograms about clones, served at {@code /q/metrics} with the {@code
 * vmclone_} prefix:
 *
 * <ul>
 *   <li>{@code vmclone_clones_total{outcome, reason}}: clones that finished, {@code
 *       outcome=succeeded|failed}; {@code reason} is the failure reason, or {@value #SUCCEEDED};
 *   <li>{@code vmclone_action_duration_seconds{action}}: how long each action took from its first
 *       STARTED journal entry to its DONE entry, by the journal's clock (see {@link ActionTimes});
 *   <li>{@code vmclone_recoveries_total}: interrupted clones a leader started to recover;
 *   <li>{@code vmclone_restart_decisions_total{decision}}: what recovery decided about each of them
 *       ({@value #RESTARTED}, {@value #UNDO_RESUMED}, or the reason it failed the clone:
 *       Interrupted, MaxRestartsExceeded, DeadlineExceeded, IdentityRevoked).
 * </ul>
 *
 * Reasons and action names are small fixed sets, so the label cardinality stays bounded.
 */
@ApplicationScoped
public class CloneMetrics {

  /** The reason label of a clone that succeeded. */
  public static final String SUCCEEDED = Reasons.CLONE_SUCCEEDED;

  /** Recovery decision: the clone goes on from the interrupted action. */
  public static final String RESTARTED = Reasons.RESTARTED;

  /** Recovery decision: the clone was being undone when interrupted, and its undo goes on. */
  public static final String UNDO_RESUMED = "UndoResumed";

  /** Buckets from a tenth of a second to the default clone timeout: actions range that widely. */
  static final Duration[] ACTION_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(2),
    Duration.ofHours(6)
  };

  private final MeterRegistry registry;
  private final Counter recoveries;

  public CloneMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.recoveries =
        Counter.builder("vmclone.recoveries")
            .description("Interrupted clones a leader started to recover")
            .register(registry);
  }

  /** A clone committed. */
  public void cloneSucceeded() {
    clones("succeeded", SUCCEEDED).increment();
  }

  /** A clone failed (and was undone) with the reason. */
  public void cloneFailed(String reason) {
    clones("failed", reason).increment();
  }

  /** An action reached DONE {@code elapsed} after it first STARTED. */
  public void actionCompleted(String action, Duration elapsed) {
    Timer.builder("vmclone.action.duration")
        .description("Time from an action's first STARTED journal entry to its DONE entry")
        .tag("action", action)
        .serviceLevelObjectives(ACTION_BUCKETS)
        .register(registry)
        .record(elapsed.isNegative() ? Duration.ZERO : elapsed);
  }

  /** A leader found {@code tasks} clones interrupted and started their recovery. */
  public void recoveriesStarted(int tasks) {
    recoveries.increment(tasks);
  }

  /** Recovery decided about an interrupted clone. */
  public void restartDecision(String decision) {
    Counter.builder("vmclone.restart.decisions")
        .description("What recovery decided about interrupted clones")
        .tag("decision", decision)
        .register(registry)
        .increment();
  }

  private Counter clones(String outcome, String reason) {
    return Counter.builder("vmclone.clones")
        .description("Clones that finished, by outcome and reason")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }
}
