package io.vmclone.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * What a case found.
 *
 * @param problems the invariants that did not hold; empty when the case passed
 * @param restarts the restarts of the case's clones, for the report
 * @param detail measurements and remarks, for the report
 */
record Verdict(List<String> problems, String restarts, String detail) {

  boolean passed() {
    return problems.isEmpty();
  }

  /** This verdict with more problems. */
  Verdict adding(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new ArrayList<>(problems);
    all.addAll(more);
    return new Verdict(List.copyOf(all), restarts, detail);
  }
}
