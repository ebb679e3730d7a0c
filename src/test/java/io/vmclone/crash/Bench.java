package io.vmclone.crash;

/**
 * What every case shares: where things are, the PostgreSQL server (one database per case), whether
 * scenarios run with their full numbers or the reduced ones of {@code mvn verify}, and whether the
 * folders of passed cases are kept.
 */
public record Bench(
    Layout layout, PostgresServer postgres, boolean fullNumbers, boolean keepLogs) {}
