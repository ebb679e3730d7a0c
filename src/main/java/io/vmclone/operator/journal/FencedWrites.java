package io.vmclone.operator.journal;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs journal writes under the leadership epoch: the first write of a new leader takes the next
 * epoch (in a transaction of its own, so a failing write cannot roll it back after it was handed
 * out), and every write checks, inside its own transaction and with the leadership row
 * share-locked, that its epoch is still the current one.
 *
 * <p>Every fenced transaction is timed as {@code vmclone_journal_transaction_seconds{outcome}}
 * ({@code committed} or {@code failed}). The timer lives in Micrometer's global registry, which is
 * the root registry in Quarkus (and a no-op in plain unit tests), so the journal's constructors
 * stay free of metrics plumbing.
 */
final class FencedWrites {

  private final Timer committedTimer = transactions("committed");
  private final Timer failedTimer = transactions("failed");

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
    long start = System.nanoTime();
    boolean committed = false;
    try {
      T result =
          jdbc.inTransaction(
              c -> {
                long current = LeadershipRows.current(c);
                if (current != mine) {
                  epoch.fence(current);
                  throw fenced(mine, current);
                }
                return work.run(c);
              });
      committed = true;
      return result;
    } finally {
      (committed ? committedTimer : failedTimer)
          .record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static Timer transactions(String outcome) {
    return Timer.builder("vmclone.journal.transaction")
        .description("Latency of fenced journal transactions (epoch check and the write)")
        .tag("outcome", outcome)
        .serviceLevelObjectives(
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10))
        .register(Metrics.globalRegistry);
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
