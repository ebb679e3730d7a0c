package io.vmclone.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The operator's own settings, under {@code vmclone.}. */
@ConfigMapping(prefix = "vmclone")
public interface OperatorConfig {

  /** Continuous operation: what happens to clones interrupted by an operator restart. */
  Continuous continuous();

  /** Defaults for clones whose spec does not say. */
  Clone clone();

  /** How often a clone is looked at while it waits. */
  Polling polling();

  /** Leader election between operator replicas. */
  @WithName("leader-election")
  LeaderElection leaderElection();

  /** Keeping the journal database small. */
  Journal journal();

  /** Journal settings. */
  interface Journal {
    /**
     * How long finished tasks (and their journals and sessions) are kept. Default 30 days. The
     * clones' CRs keep their status tail; the full journal goes.
     */
    @WithDefault("720h")
    Duration retention();

    /** How often the leader prunes finished tasks older than the retention. */
    @WithName("prune-interval")
    @WithDefault("1h")
    Duration pruneInterval();

    /**
     * How long the tombstone of a pruned task (the clone's UID, which stops a clone whose status
     * was wiped from running again) is kept after pruning. Default 365 days; a clone whose
     * tombstone is gone too could run again if its status were wiped.
     */
    @WithName("tombstone-retention")
    @WithDefault("8760h")
    Duration tombstoneRetention();
  }

  /** How the operator acts for the requester of a clone. */
  IdentityConfig identity();

  /** What proves the objects a clone created its own. */
  Ownership ownership();

  /** Ownership settings. */
  interface Ownership {
    /**
     * The Secret in the operator's namespace that holds the master key the creation marks of every
     * created object derive from. The operator creates it (immutable) when it is missing; deleting
     * it leaves the objects of clones in flight unprovable, so they are left alone.
     */
    @WithName("key-secret")
    @WithDefault("vmclone-creation-key")
    String keySecret();
  }

  /** Metrics settings. */
  Metrics metrics();

  /** Metrics settings. */
  interface Metrics {
    /**
     * How often the gauges read from the journal database (clones active, in recovery) are
     * refreshed in the background; a scrape never waits for the database.
     */
    @WithName("journal-refresh")
    @WithDefault("5s")
    Duration journalRefresh();
  }

  /** Crash points for the crash tests; absent in production. */
  Crash crash();

  /** Halts the process, as kill -9 would, when it reaches a named point for the n-th time. */
  interface Crash {
    /**
     * {@code before-side-effect:<Action>}, {@code after-side-effect:<Action>}, {@code
     * after-done:<Action>} or {@code after-commit}.
     */
    Optional<String> point();

    /** Which time the point is reached that halts the process. */
    @WithDefault("1")
    int hit();
  }

  /** Continuous operation settings. */
  interface Continuous {
    /**
     * Whether an interrupted clone restarts (the counterpart of vSphere's
     * config.provisioning.continuousop.enabled). When false it fails with reason Interrupted.
     */
    @WithDefault("true")
    boolean enabled();

    /** Restarts a clone may take when its spec gives no policy.maxRestarts. */
    @WithName("max-restarts")
    @WithDefault("3")
    int maxRestarts();
  }

  /** Clone defaults. */
  interface Clone {
    /** How long a clone may take when its spec gives no policy.timeout. */
    @WithName("default-timeout")
    @WithDefault("6h")
    Duration defaultTimeout();

    /**
     * The most clones that may be queued or running in one namespace; one more fails at once with
     * reason {@code TooManyClones}. Bounds what one tenant can make the operator (and its database)
     * carry.
     */
    @WithName("max-active-per-namespace")
    @WithDefault("200")
    int maxActivePerNamespace();
  }

  /** Polling intervals. */
  interface Polling {
    /**
     * The longest wait between two looks at a running step (snapshot, copy, power on): a step is
     * looked at soon after it starts and then less and less often, up to this (see PollPacing).
     * Every clone mid-copy costs a GET per interval; at 1 s a thousand copies were a thousand GETs
     * a second.
     */
    @WithName("running")
    @WithDefault("10s")
    Duration running();

    /**
     * How long a waiting clone whose objects the operator watches goes without a look if no change
     * of them wakes it: the poll is only a safety net for a lost wake-up (and a deadline passing
     * while nothing changes). At {@code running} instead, a thousand clones mid-copy kept the
     * reconcile threads busy looking at unchanged copies (docs/benchmarks.md).
     */
    @WithName("safety-net")
    @WithDefault("60s")
    Duration safetyNet();

    /** While a clone is blocked (its source does not exist yet). */
    @WithName("blocked")
    @WithDefault("5s")
    Duration blocked();
  }

  /** Leader election settings (JOSDK, over a coordination.k8s.io Lease). */
  interface LeaderElection {
    @WithName("lease-name")
    @WithDefault("vmclone-operator")
    String leaseName();

    /** Default: the namespace the operator runs in (POD_NAMESPACE), else "default". */
    @WithName("lease-namespace")
    Optional<String> leaseNamespace();

    /** Default: VMCLONE_REPLICA_NAME, else HOSTNAME, else a random UUID. */
    Optional<String> identity();

    @WithName("lease-duration")
    @WithDefault("15s")
    Duration leaseDuration();

    @WithName("renew-deadline")
    @WithDefault("10s")
    Duration renewDeadline();

    /** How often a standby tries the Lease; after a clean handover, the wait of the successor. */
    @WithName("retry-period")
    @WithDefault("1s")
    Duration retryPeriod();

    /**
     * For the benchmark only (scripts/bench), not a chart value: false skips the Lease release of
     * the graceful handover on SIGTERM, which is java-operator-sdk's default behaviour, so that the
     * benchmark can measure the handover against it. Leave it on.
     */
    @WithName("release-on-shutdown")
    @WithDefault("true")
    boolean releaseOnShutdown();
  }
}
