package io.vmclone.operator.journal;

/**
 * How much work the journal holds right now.
 *
 * @param activeClones tasks QUEUED or RUNNING
 * @param recoveringClones unfinished tasks a leader marked as recovering
 * @param entitiesInRecovery distinct objects (source VMs) flagged in recovery
 */
public record JournalCounts(long activeClones, long recoveringClones, long entitiesInRecovery) {}
