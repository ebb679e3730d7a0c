package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code journal_entry}.
 *
 * @param data what a DONE action recorded for the steps after it and for its undo; else null
 */
public record JournalEntry(
    UUID taskId,
    int seq,
    String action,
    EntryState state,
    JsonNode data,
    String message,
    Instant writtenAt,
    UUID incarnation) {}
