package io.vmclone.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.journal.LeaderEpoch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vmclone_leader} (1 while this replica leads and may write the journal, else 0) and {@code
 * vmclone_leadership_epoch} (the fencing epoch this replica writes under; NaN while it holds none).
 * Both read memory only. A new leader takes its epoch at its first journal write, which its
 * recovery scan makes at once.
 */
@ApplicationScoped
public class LeadershipGauges {

  private final List<Meter> gauges = new ArrayList<>();
  private MeterRegistry registry;

  void register(@Observes StartupEvent event, LeaderEpoch epoch, MeterRegistry registry) {
    this.registry = registry;
    gauges.add(
        Gauge.builder("vmclone.leader", epoch, e -> e.isLeader() ? 1 : 0)
            .description("1 while this replica leads, else 0")
            .strongReference(true)
            .register(registry));
    gauges.add(
        Gauge.builder("vmclone.leadership.epoch", epoch, LeadershipGauges::epoch)
            .description("The leadership epoch this replica writes the journal under")
            .strongReference(true)
            .register(registry));
  }

  /** Removes the gauges, which would otherwise outlive this application (see JournalGauges). */
  void unregister(@Observes ShutdownEvent event) {
    if (registry != null) {
      gauges.forEach(registry::remove);
    }
  }

  static double epoch(LeaderEpoch epoch) {
    return epoch.isLeader() && epoch.current() >= 0 ? epoch.current() : Double.NaN;
  }
}
