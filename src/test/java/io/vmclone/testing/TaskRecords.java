package io.vmclone.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.journal.TaskRecord;
import io.vmclone.operator.journal.TaskState;
import java.time.Instant;
import java.util.UUID;

/**
 * A task row for unit tests, as the journal would load it: running in namespace {@code ns}, queued
 * and started at {@link #AT}, due an hour later, three restarts allowed; change what the test is
 * about with the withers.
 */
public record TaskRecords(
    UUID id,
    String namespace,
    String cloneUid,
    TaskState state,
    String errorReason,
    String errorMessage,
    Instant queuedAt,
    JsonNode spec,
    JsonNode requester) {

  /** When the tasks were queued and started. */
  public static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

  public static TaskRecords task(UUID id) {
    return new TaskRecords(id, "ns", "uid", TaskState.RUNNING, null, null, AT, null, null);
  }

  public TaskRecords in(String ns, String uid) {
    return new TaskRecords(
        id, ns, uid, state, errorReason, errorMessage, queuedAt, spec, requester);
  }

  /** In this state; ERROR with reason CopyFailed and message "disk broke". */
  public TaskRecords state(TaskState now) {
    boolean failed = now == TaskState.ERROR;
    return new TaskRecords(
        id,
        namespace,
        cloneUid,
        now,
        failed ? "CopyFailed" : null,
        failed ? "disk broke" : null,
        queuedAt,
        spec,
        requester);
  }

  public TaskRecords queuedAt(Instant at) {
    return new TaskRecords(
        id, namespace, cloneUid, state, errorReason, errorMessage, at, spec, requester);
  }

  public TaskRecords spec(JsonNode requested) {
    return new TaskRecords(
        id, namespace, cloneUid, state, errorReason, errorMessage, queuedAt, requested, requester);
  }

  public TaskRecords requester(JsonNode who) {
    return new TaskRecords(
        id, namespace, cloneUid, state, errorReason, errorMessage, queuedAt, spec, who);
  }

  public TaskRecord build() {
    return new TaskRecord(
        id,
        namespace,
        "clone",
        cloneUid,
        state,
        state == TaskState.SUCCESS ? 100 : 40,
        errorReason,
        errorMessage,
        queuedAt,
        queuedAt,
        state.isTerminal() ? queuedAt : null,
        queuedAt.plusSeconds(3600),
        3,
        0,
        spec,
        null,
        requester);
  }
}
