package io.vmclone.crash;

/** One row of the report. */
record CaseResult(String name, boolean passed, String restarts, double seconds, String detail) {}
