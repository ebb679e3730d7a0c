package io.vmclone.bench;

/**
 * The two clone limits of scenario 1, in clones per second, either of them NaN when its part did
 * not run: the journal's (its 8-writer commit rate over the transactions of one clone) and the API
 * server's (its 8-writer rate of small writes over the writes of one clone). Throughput is judged
 * against the lower of those measured.
 */
record CloneLimits(double journal, double apiServer) {

  /** The share of the lower limit that completed clones per second must reach at 100 in flight. */
  static final double TARGET_SHARE = 0.4;

  static final CloneLimits NONE = new CloneLimits(Double.NaN, Double.NaN);

  CloneLimits withJournal(double limit) {
    return new CloneLimits(limit, apiServer);
  }

  CloneLimits withApiServer(double limit) {
    return new CloneLimits(journal, limit);
  }

  /** Whether at least one limit was measured. */
  boolean measured() {
    return !Double.isNaN(lower());
  }

  /** The lower of the limits measured; NaN when none was. */
  double lower() {
    if (Double.isNaN(journal)) {
      return apiServer;
    }
    return Double.isNaN(apiServer) ? journal : Math.min(journal, apiServer);
  }

  /** Which limit is the lower: {@code journal} or {@code API server}. */
  String lowerName() {
    return lower() == journal ? "journal" : "API server";
  }

  /** The baseline of a throughput row, e.g. {@code lower limit 62.3 (API server): 6.8%}. */
  String baseline(double clonesPerSecond) {
    if (!measured()) {
      return "limit not measured (run the journal and apiserver parts)";
    }
    return "lower limit "
        + Scenarios.format(lower(), 1)
        + " ("
        + lowerName()
        + "): "
        + Scenarios.format(100 * clonesPerSecond / lower(), 1)
        + "%";
  }

  /**
   * The target of the throughput at 100 in flight, naming both limits, e.g. {@code >= 40% of the
   * lower limit (journal 218.1 or API server 62.3) = 24.9}; its text only when none was measured.
   */
  Target target() {
    String text =
        ">= "
            + Math.round(100 * TARGET_SHARE)
            + "% of the lower limit (journal "
            + shown(journal)
            + " or API server "
            + shown(apiServer)
            + ")";
    if (!measured()) {
      return Target.atLeast(Double.NaN, "").described(text);
    }
    double limit = TARGET_SHARE * lower();
    return Target.atLeast(limit, "").described(text + " = " + Scenarios.format(limit, 1));
  }

  private static String shown(double limit) {
    return Double.isNaN(limit) ? "not measured" : Scenarios.format(limit, 1);
  }
}
