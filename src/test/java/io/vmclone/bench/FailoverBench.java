package io.vmclone.bench;

import io.vmclone.crash.CaseRun;
import io.vmclone.crash.CloneRef;
import io.vmclone.crash.HarnessFailure;
import io.vmclone.crash.OperatorProcess;
import io.vmclone.crash.OperatorSettings;
import io.vmclone.crash.Waits;
import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.SourceVm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Failover, with the project's lease timings: the leader, with a clone mid-copy, is stopped and the
 * time runs until the standby's first journal transaction (the leadership epoch it takes before its
 * first write: {@code leadership.acquired_at}). Three ways to stop, taken in turn so that each is
 * measured under the same conditions: {@code kill -9}; SIGTERM (the graceful handover, which
 * releases the Lease); and SIGTERM with the Lease release switched off, which is
 * java-operator-sdk's default behaviour (the baseline). The stopped replica comes back as the new
 * standby; its start -> ready is timed.
 */
final class FailoverBench {

  /** How the leader is stopped. */
  enum Stop {
    KILL,
    SIGTERM,
    SIGTERM_NO_RELEASE
  }

  /** Failover times by the way of stopping, and start -> ready of the replicas started again. */
  record Result(Map<Stop, Samples> failovers, Samples startToReady) {}

  static final int ROUNDS = 3;

  private final CaseRun run;

  FailoverBench(CaseRun run) {
    this.run = run;
  }

  Result measure() {
    List<Stop> stops = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      stops.addAll(List.of(Stop.values()));
    }
    List<OperatorProcess> pair =
        BenchOperators.startPair(
            run,
            settings(BenchOperators.FIRST, stops.get(0)),
            settings(BenchOperators.SECOND, stops.get(1)));
    OperatorProcess leader = pair.get(0);
    OperatorProcess standby = pair.get(1);
    Map<Stop, List<Double>> times = new EnumMap<>(Stop.class);
    List<Double> ready = new ArrayList<>();
    for (int i = 0; i < stops.size(); i++) {
      Stop stop = stops.get(i);
      times.computeIfAbsent(stop, s -> new ArrayList<>()).add(failover(leader, standby, stop));
      BenchMain.progress(
          "failover " + stop + ": " + times.get(stop).get(times.get(stop).size() - 1) + " s");
      Stop next = i + 2 < stops.size() ? stops.get(i + 2) : Stop.KILL;
      List<OperatorProcess> started = new ArrayList<>();
      ready.add(
          BenchOperators.startUntilReady(run, settings(leader.name(), next), started).toNanos()
              / 1e9);
      leader = standby;
      standby = started.get(0);
    }
    Map<Stop, Samples> failovers = new EnumMap<>(Stop.class);
    times.forEach((stop, values) -> failovers.put(stop, new Samples(values)));
    return new Result(failovers, new Samples(ready));
  }

  /** Stops the leader with a clone mid-copy; seconds until the standby's first transaction. */
  private double failover(OperatorProcess leader, OperatorProcess standby, Stop stop) {
    CloneRef clone =
        run.workload().add(Request.standard().withVm(SourceVm.SMALL).withMaxRestarts(20));
    run.awaitInAction(List.of(clone), "CopyDisks", Duration.ofSeconds(60));
    Instant stopped = Instant.now();
    if (stop == Stop.KILL) {
      leader.kill();
    } else {
      leader.terminate();
    }
    Instant first =
        Waits.value(
            standby.name() + "'s first journal transaction",
            BenchOperators.LEASE_DURATION.multipliedBy(4),
            () -> epochTakenBy(standby.name(), stopped));
    leader.awaitExit(Duration.ofSeconds(60));
    if (stop != Stop.KILL && !leader.logContains("handover: ")) {
      throw new HarnessFailure(leader.name() + " logged no handover after SIGTERM");
    }
    return Duration.between(stopped, first).toNanos() / 1e9;
  }

  /** When the replica took the leadership epoch, if it did after the given time. */
  private Instant epochTakenBy(String replica, Instant after) {
    try (Connection c = run.cluster().database().connect();
        PreparedStatement s =
            c.prepareStatement("SELECT holder, acquired_at FROM leadership WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      if (!r.next() || !replica.equals(r.getString(1)) || r.getTimestamp(2) == null) {
        return null;
      }
      Instant acquired = r.getTimestamp(2).toInstant();
      return acquired.isAfter(after) ? acquired : null;
    } catch (SQLException e) {
      throw new HarnessFailure("reading the leadership row: " + e.getMessage(), e);
    }
  }

  /** The replica's settings for the way it will be stopped when it leads. */
  private static OperatorSettings settings(String name, Stop stop) {
    return BenchOperators.replica(name)
        .with(
            Map.of(
                BenchOperators.RELEASE_ON_SHUTDOWN,
                Boolean.toString(stop != Stop.SIGTERM_NO_RELEASE)));
  }
}
