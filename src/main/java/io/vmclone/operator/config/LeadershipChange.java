package io.vmclone.operator.config;

/**
 * A CDI event: this replica started or stopped leading.
 *
 * @param leading true when it started
 * @param identity this replica's leader-election identity
 */
public record LeadershipChange(boolean leading, String identity) {}
