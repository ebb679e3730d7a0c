package io.vmclone.operator.journal;

/**
 * At most {@code max} queued or running tasks per namespace; a task opened beyond that is refused
 * with this reason and message.
 */
public record ActiveLimit(int max, String reason, String message) {}
