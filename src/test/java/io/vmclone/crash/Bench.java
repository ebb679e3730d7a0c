package io.vmclone.crash;

import io.vmclone.testing.PostgresServer;

/**
 * What every case shares: where things are, the run's control plane (a namespace per case), the
 * PostgreSQL server (one database per case), whether scenarios run with their full numbers or the
 * reduced ones of {@code mvn verify}, and whether the folders of passed cases are kept.
 */
public record Bench(
    Layout layout,
    HarnessPlane plane,
    PostgresServer postgres,
    boolean fullNumbers,
    boolean keepLogs) {}
