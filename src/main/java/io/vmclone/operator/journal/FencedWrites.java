package io.vmclone.operator.journal;

import java.time.Clock;

/**
 * Runs journal writes under the leadership epoch: the first write of a new leader takes the next
 * epoch (in a transaction of its own, so a failing write cannot roll it back after it was handed
 * out), and every write checks, inside its own transaction and with the leadership row
 * share-locked, that its epoch is still the current one.
 */
final class FencedWrites {

  private final Jdbc jdbc;
  private final LeaderEpoch epoch;
  private final Incarnation incarnation;
  private final Clock clock;

  FencedWrites(Jdbc jdbc, LeaderEpoch epoch, Incarnation incarnation, Clock clock) {
    this.jdbc = jdbc;
    this.epoch = epoch;
    this.incarnation = incarnation;
    this.clock = clock;
  }

  <T> T run(Jdbc.Work<T> work) {
    long mine = heldEpoch();
    return jdbc.inTransaction(
        c -> {
          long current = LeadershipRows.current(c);
          if (current != mine) {
            epoch.fence(current);
            throw fenced(mine, current);
          }
          return work.run(c);
        });
  }

  private long heldEpoch() {
    if (epoch.isFenced()) {
      throw new FencedException("this process was fenced: another replica leads");
    }
    synchronized (epoch) {
      if (!epoch.isLeader()) {
        throw new NotLeaderException("this replica does not lead, so it writes no journal");
      }
      if (epoch.current() < 0) {
        epoch.hold(
            jdbc.inTransaction(
                c -> LeadershipRows.acquire(c, epoch.holder(), incarnation.id(), clock.instant())));
      }
      return epoch.current();
    }
  }

  private static FencedException fenced(long mine, long current) {
    return new FencedException(
        "leadership epoch " + mine + " is stale (now " + current + "): another replica leads");
  }
}
