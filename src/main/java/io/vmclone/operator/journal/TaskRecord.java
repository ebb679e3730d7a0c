package io.vmclone.operator.journal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code clone_task}; {@code requester} is the userInfo of who asked, or null. */
public record TaskRecord(
    UUID id,
    String cloneNamespace,
    String cloneName,
    String cloneUid,
    TaskState state,
    int progress,
    String errorReason,
    String errorMessage,
    Instant queuedAt,
    Instant startedAt,
    Instant completedAt,
    Instant deadline,
    int maxRestarts,
    int restarts,
    JsonNode requestedSpec,
    JsonNode result,
    JsonNode requester) {}
