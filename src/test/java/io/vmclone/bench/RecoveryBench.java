package io.vmclone.bench;

import io.vmclone.crash.CaseRun;
import io.vmclone.crash.CloneRef;
import io.vmclone.crash.JournalProbe.Tally;
import io.vmclone.crash.OperatorProcess;
import io.vmclone.crash.Waits;
import io.vmclone.crash.Workload.Request;
import io.vmclone.crash.Workload.SourceVm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Recovery at scale, incoming work during it, and the footprint of a leader tracking it, in one
 * world: a leader and a standby; new clones applied to the idle leader one at a time (the baseline
 * of apply -> first action); then clones up to {@link #CLONES} in flight, all waiting mid-copy
 * (long copies); the leader's memory; {@code kill -9} of the leader; the copies are let finish (the
 * simulator restarts with zero delays); once the standby leads, new clones are applied during the
 * recovery, and the standby's recovery is timed from its leadership line: the scan that flags every
 * interrupted task (database and source annotation), the last RESTARTED entry (every clone running
 * again), the last COMMITTED entry (every clone finished).
 */
final class RecoveryBench {

  static final int CLONES = 1000;
  static final int NEWCOMERS = 3;

  /**
   * Clones applied at once on the way to a thousand mid-copy: a thousand applied together queue
   * behind each other's first steps (on the fabric8 mock it took many minutes; see
   * docs/benchmarks.md), so they come in waves.
   */
  private static final int WAVE = 100;

  private static final Duration LONG_COPY = Duration.ofMinutes(30);

  /** What the run measured; times in seconds. */
  record Result(
      Samples idleFirstAction,
      Samples recoveryFirstAction,
      double flagged,
      double flaggedDatabase,
      double runningAgain,
      double finished,
      double ramp,
      long interrupted,
      Footprint idleLeader,
      Footprint trackingLeader,
      Footprint trackingStandby,
      CpuMeter.Reading cpuToRunningAgain) {}

  private final CaseRun run;
  private final Path postgresData;
  private final Request small = Request.standard().withVm(SourceVm.SMALL);

  RecoveryBench(CaseRun run, Path postgresData) {
    this.run = run;
    this.postgresData = postgresData;
  }

  Result measure() {
    List<OperatorProcess> pair =
        BenchOperators.startPair(
            run,
            BenchOperators.replica(BenchOperators.FIRST),
            BenchOperators.replica(BenchOperators.SECOND));
    OperatorProcess leader = pair.get(0);
    OperatorProcess standby = pair.get(1);
    Waits.sleep(3000);
    Footprint idle = settledFootprint(leader);
    List<Double> idleSamples = new ArrayList<>();
    for (int i = 0; i < NEWCOMERS + 2; i++) {
      idleSamples.add(firstAction(run.workload().add(small), Instant.now()));
      Waits.sleep(300);
    }
    BenchMain.progress("idle apply -> first action: " + new Samples(idleSamples).describe(" s", 3));
    long rampStart = System.nanoTime();
    for (int left = CLONES - idleSamples.size(); left > 0; left -= WAVE) {
      List<CloneRef> wave = run.workload().add(Collections.nCopies(Math.min(WAVE, left), small));
      run.awaitInAction(wave, "CopyDisks", Duration.ofSeconds(300));
    }
    List<CloneRef> all = run.workload().all();
    run.awaitInAction(all, "CopyDisks", Duration.ofSeconds(60));
    double ramp = (System.nanoTime() - rampStart) / 1e9;
    BenchMain.progress(CLONES + " clones mid-copy after " + Math.round(ramp) + " s");
    Footprint tracking = settledFootprint(leader);
    Footprint standbyTracking = settledFootprint(standby);
    leader.kill();
    leader.awaitExit(Duration.ofSeconds(30));
    run.cluster().repace(BenchPaces.zero());
    return recover(standby, all, idleSamples, idle, tracking, standbyTracking, ramp);
  }

  private Result recover(
      OperatorProcess standby,
      List<CloneRef> interrupted,
      List<Double> idleSamples,
      Footprint idle,
      Footprint tracking,
      Footprint standbyTracking,
      double ramp) {
    CpuMeter cpu = new CpuMeter(standby.pid(), postgresData);
    CpuMeter.Reading atKill = cpu.read();
    run.lease().awaitHolder(standby.name(), BenchOperators.LEASE_DURATION.multipliedBy(3));
    List<CloneRef> newcomers = new ArrayList<>();
    List<Instant> applied = new ArrayList<>();
    for (int i = 0; i < NEWCOMERS; i++) {
      applied.add(Instant.now());
      newcomers.add(run.workload().add(small));
      Waits.sleep(1000);
    }
    Instant led = BenchOperators.ledAt(standby);
    List<Double> during = new ArrayList<>();
    for (int i = 0; i < NEWCOMERS; i++) {
      during.add(firstAction(newcomers.get(i), applied.get(i)));
    }
    Instant scanned =
        Waits.value(
            "the recovery scan",
            Duration.ofSeconds(300),
            () -> standby.loggedAt("recovery scan: ").orElse(null));
    double databasePart = scanDatabaseMillis(standby) / 1000.0;
    Tally restarted = awaitTally(interrupted, "RESTARTED", interrupted.size(), 300);
    CpuMeter.Reading used = cpu.read().minus(atKill);
    Tally committed =
        awaitTally(run.workload().all(), "COMMITTED", run.workload().all().size(), 600);
    return new Result(
        new Samples(idleSamples),
        new Samples(during),
        seconds(led, scanned),
        databasePart,
        seconds(led, restarted.latest()),
        seconds(led, committed.latest()),
        ramp,
        restarted.tasks(),
        idle,
        tracking,
        standbyTracking,
        used);
  }

  /** Seconds from the apply to the clone's first journal entry. */
  private double firstAction(CloneRef clone, Instant applied) {
    Instant first =
        Waits.value(
            clone.name() + "'s first journal entry",
            Duration.ofSeconds(300),
            () -> run.journal().firstEntry(clone).orElse(null));
    return seconds(applied, first);
  }

  private Tally awaitTally(List<CloneRef> clones, String state, long count, int limitSeconds) {
    Tally[] found = new Tally[1];
    Waits.until(
        count + " clones with a " + state + " entry",
        Duration.ofSeconds(limitSeconds),
        Duration.ofMillis(250),
        () -> {
          found[0] = run.journal().tally(clones, state);
          return found[0].tasks() >= count;
        });
    return found[0];
  }

  /** The database part of the scan, from its own line "... (database in N ms) ...". */
  private static long scanDatabaseMillis(OperatorProcess process) {
    return process
        .logText()
        .lines()
        .filter(line -> line.contains("recovery scan: "))
        .map(line -> line.replaceAll(".*database in (\\d+) ms.*", "$1"))
        .filter(text -> text.matches("\\d+"))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(-1);
  }

  /** The median of three readings a second apart (heap use moves with every collection). */
  static Footprint settledFootprint(OperatorProcess process) {
    List<Double> rss = new ArrayList<>();
    List<Double> heap = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Footprint reading = Footprint.of(process);
      rss.add(reading.rssMiB());
      heap.add(reading.heapMiB());
      Waits.sleep(1000);
    }
    return new Footprint(new Samples(rss).median(), new Samples(heap).median());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
