package io.vmclone.testing;

import io.vmclone.operator.journal.LeaderEpoch;

/** Leadership epochs for tests that write the journal without leader election. */
public final class Leaders {

  private Leaders() {}

  /** An epoch that leads; it takes its epoch number at its first journal write. */
  public static LeaderEpoch leading(String name) {
    LeaderEpoch epoch = new LeaderEpoch();
    epoch.becomeLeader(name);
    return epoch;
  }
}
