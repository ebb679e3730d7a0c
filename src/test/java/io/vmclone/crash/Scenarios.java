package io.vmclone.crash;

import java.util.List;

/** The scenarios by name, in the order {@code --all-scenarios} runs them. */
final class Scenarios {

  static final List<String> NAMES =
      List.of(
          "split-brain",
          "database-down",
          "api-errors",
          "max-restarts",
          "continuous-disabled",
          "incoming-during-recovery",
          "sigterm-handover");

  private Scenarios() {}

  static Scenario create(String name, Bench bench, Report report) {
    throw new IllegalArgumentException("unknown scenario " + name);
  }
}
