package io.vmclone.operator.journal;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code pruned_clone}: what is left of a clone's task after pruning, enough to refuse
 * running the clone again.
 *
 * @param taskState how the pruned task ended (SUCCESS or ERROR)
 */
public record Tombstone(
    String cloneUid, UUID taskId, TaskState taskState, Instant completedAt, Instant prunedAt) {}
