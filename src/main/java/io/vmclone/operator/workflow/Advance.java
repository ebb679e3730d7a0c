package io.vmclone.operator.workflow;

import java.time.Duration;

/**
 * What one reconcile's worth of steps did to a clone.
 *
 * @param outcome the last step's outcome
 * @param facts what the status is projected from, after the last step
 * @param recovering whether the clone is still being recovered (its recovery lane slot is kept)
 * @param underWay how long the last step's action has been running, by its STARTED entry (the
 *     database's clock); null when it has not started
 */
public record Advance(
    StepOutcome outcome, CloneFacts facts, boolean recovering, Duration underWay) {}
