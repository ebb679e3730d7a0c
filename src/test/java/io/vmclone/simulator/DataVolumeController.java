package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.KubeVirtKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Plays CDI's DataVolume controllers: a new DataVolume is Scheduled, then its claim is bound and
 * the transfer runs, its progress advancing every {@code progressInterval} until it Succeeds after
 * {@code copyDuration}. A DataVolume whose name matches {@code failCopyMatching} fails half way,
 * with a Running condition that says the failure is simulated. A transfer found in progress (the
 * simulator restarted) resumes from the progress it shows.
 */
final class DataVolumeController implements SimulatedController {

  private static final KubeVirtKind DV = KubeVirtKind.DATA_VOLUME;
  private static final Set<String> DONE = Set.of("Succeeded", "Failed");
  private static final double FAIL_AT = 0.5;

  private final ApiObjects api;
  private final SimulatorSettings settings;
  private final Timers copies;

  DataVolumeController(ApiObjects api, SimulatorSettings settings, Timers timers) {
    this.api = api;
    this.settings = settings;
    this.copies = timers;
  }

  @Override
  public KubeVirtKind kind() {
    return DV;
  }

  @Override
  public void upserted(ObjectNode dataVolume) {
    String uid = dataVolume.at("/metadata/uid").asText();
    if (DONE.contains(dataVolume.at("/status/phase").asText("")) || copies.pending(uid)) {
      return;
    }
    // As SnapshotController: an informer event can be older than the stored state (an InProgress
    // event arriving after the copy Succeeded), so decide on the stored state, never regress it.
    Optional<ObjectNode> stored =
        api.get(
                DV,
                dataVolume.at("/metadata/namespace").asText(),
                dataVolume.at("/metadata/name").asText())
            .filter(dv -> dv.at("/metadata/uid").asText().equals(uid));
    String phase = stored.map(dv -> dv.at("/status/phase").asText("")).orElse("");
    if (stored.isEmpty() || DONE.contains(phase)) {
      return;
    }
    double resumedAt =
        phase.endsWith("InProgress")
            ? DataVolumeStatuses.parse(stored.get().at("/status/progress").asText()) / 100
            : 0;
    Copy copy = new Copy(dataVolume, Instant.now().minus(scaled(resumedAt)));
    if (phase.isEmpty()) {
      write(copy, DataVolumeStatuses::scheduled);
    }
    copies.every(uid, settings.progressInterval(), copy::tick);
  }

  @Override
  public void deleted(ObjectNode dataVolume) {
    copies.cancel(dataVolume.at("/metadata/uid").asText());
  }

  private Duration scaled(double fraction) {
    return Duration.ofMillis(Math.round(settings.copyDuration().toMillis() * fraction));
  }

  private boolean write(Copy copy, UnaryOperator<ObjectNode> status) {
    var written = api.writeStatus(DV, copy.namespace, copy.name, status);
    written.ifPresent(
        w ->
            TransitionLog.transition(
                DV, w, w.at("/status/phase").asText() + " " + w.at("/status/progress").asText()));
    return written.isPresent();
  }

  /** One running transfer. */
  private final class Copy {
    private final String namespace;
    private final String name;
    private final String uid;
    private final Instant startedAt;
    private final boolean fails;
    private boolean claimed;

    Copy(JsonNode dataVolume, Instant startedAt) {
      this.namespace = dataVolume.at("/metadata/namespace").asText();
      this.name = dataVolume.at("/metadata/name").asText();
      this.uid = dataVolume.at("/metadata/uid").asText();
      this.startedAt = startedAt;
      this.fails = settings.failsCopy(name);
    }

    void tick() {
      double fraction = fraction();
      double percent = Math.min(100, fraction * 100);
      boolean written;
      // The final status is written before the timer is cancelled: while it is pending, a stale
      // event does not resume the copy, and once it is not, the stored state is final.
      if (fails && fraction >= FAIL_AT) {
        written =
            write(this, dv -> DataVolumeStatuses.failed(dv, percent, failureMessage(percent)));
        copies.cancel(uid);
      } else if (fraction >= 1) {
        written = write(this, DataVolumeStatuses::succeeded);
        copies.cancel(uid);
      } else {
        claim();
        written = write(this, dv -> DataVolumeStatuses.inProgress(dv, percent));
      }
      if (!written && api.get(DV, namespace, name).isEmpty()) {
        copies.cancel(uid);
      }
    }

    private double fraction() {
      long total = settings.copyDuration().toMillis();
      if (total <= 0) {
        return 1;
      }
      return (double) Duration.between(startedAt, Instant.now()).toMillis() / total;
    }

    private void claim() {
      if (!claimed) {
        claimed = true;
        api.get(DV, namespace, name).ifPresent(dv -> api.createCore(Claims.forDataVolume(dv)));
      }
    }

    private String failureMessage(double percent) {
      return "Simulated failure: the transfer into DataVolume "
          + name
          + " failed at "
          + DataVolumeStatuses.format(percent)
          + " (the simulator fails DataVolumes matching "
          + settings.failCopyMatching().pattern()
          + ")";
    }
  }
}
