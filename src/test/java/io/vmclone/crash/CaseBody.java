package io.vmclone.crash;

/** What a case does in its cluster, and what it found. */
@FunctionalInterface
interface CaseBody {

  Verdict run(CaseRun run) throws Exception;
}
