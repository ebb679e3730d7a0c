package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.testing.KubeVirtKind;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Plays KubeVirt's snapshot controller. A new VirtualMachineSnapshot of a missing VM fails at once;
 * otherwise it goes InProgress and, after {@code snapshotDelay}, gets its
 * VirtualMachineSnapshotContent (the VM as it is then, one volume backup per PVC or DataVolume
 * disk) and turns Succeeded and ready to use. A snapshot whose name matches {@code
 * failSnapshotMatching} fails instead. Deleting a snapshot deletes its content.
 */
final class SnapshotController implements SimulatedController {

  private static final KubeVirtKind SNAPSHOT = KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT;
  private static final KubeVirtKind CONTENT = KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;
  private static final KubeVirtKind VM = KubeVirtKind.VIRTUAL_MACHINE;
  private static final Set<String> DONE = Set.of("Succeeded", "Failed");

  private final ApiObjects api;
  private final SimulatorSettings settings;
  private final Timers snapshots;

  SnapshotController(ApiObjects api, SimulatorSettings settings, Timers timers) {
    this.api = api;
    this.settings = settings;
    this.snapshots = timers;
  }

  @Override
  public KubeVirtKind kind() {
    return SNAPSHOT;
  }

  @Override
  public void upserted(ObjectNode snapshot) {
    String uid = snapshot.at("/metadata/uid").asText();
    if (DONE.contains(snapshot.at("/status/phase").asText())
        || snapshots.pending(uid)
        || snapshot.at("/metadata/deletionTimestamp").isTextual()) {
      return;
    }
    // An informer event can be older than the snapshot's stored state (with no delay, the
    // completion may already be written): decide on the stored state, never regress it.
    Optional<ObjectNode> stored = current(snapshot);
    if (stored.isEmpty() || DONE.contains(stored.get().at("/status/phase").asText())) {
      return;
    }
    Optional<ObjectNode> vm = sourceVm(snapshot);
    if (vm.isEmpty()) {
      fail(snapshot, missingSourceMessage(snapshot));
      return;
    }
    if (stored.get().at("/status/phase").asText().isEmpty()) {
      write(snapshot, s -> SnapshotStatuses.inProgress(s, vm.get()));
    }
    snapshots.once(uid, settings.snapshotDelay(), () -> complete(snapshot));
  }

  private Optional<ObjectNode> current(JsonNode snapshot) {
    return api.get(
            SNAPSHOT,
            snapshot.at("/metadata/namespace").asText(),
            snapshot.at("/metadata/name").asText())
        .filter(s -> s.at("/metadata/uid").equals(snapshot.at("/metadata/uid")));
  }

  @Override
  public void deleted(ObjectNode snapshot) {
    snapshots.cancel(snapshot.at("/metadata/uid").asText());
    String content = SnapshotContents.contentName(snapshot);
    api.delete(CONTENT, snapshot.at("/metadata/namespace").asText(), content);
    TransitionLog.transition(SNAPSHOT, snapshot, "deleted; content " + content + " deleted");
  }

  private void complete(ObjectNode created) {
    String namespace = created.at("/metadata/namespace").asText();
    Optional<ObjectNode> snapshot =
        api.get(SNAPSHOT, namespace, created.at("/metadata/name").asText())
            .filter(s -> s.at("/metadata/uid").equals(created.at("/metadata/uid")));
    if (snapshot.isEmpty() || snapshot.get().at("/metadata/deletionTimestamp").isTextual()) {
      return;
    }
    if (settings.failsSnapshot(created.at("/metadata/name").asText())) {
      fail(created, simulatedFailureMessage(created));
      return;
    }
    Optional<ObjectNode> vm = sourceVm(created);
    if (vm.isEmpty()) {
      fail(created, missingSourceMessage(created));
      return;
    }
    ObjectNode content =
        SnapshotContents.build(snapshot.get(), vm.get(), claim -> api.claimSpec(namespace, claim));
    String contentName = content.at("/metadata/name").asText();
    if (api.create(CONTENT, content)) {
      TransitionLog.transition(CONTENT, content, "created");
    }
    String now = Conditions.now();
    api.writeStatus(CONTENT, namespace, contentName, c -> SnapshotStatuses.contentReady(c, now))
        .ifPresent(c -> TransitionLog.transition(CONTENT, c, "readyToUse"));
    write(created, s -> SnapshotStatuses.succeeded(s, content, now));
  }

  private Optional<ObjectNode> sourceVm(JsonNode snapshot) {
    if (!VM.kind().equals(snapshot.at("/spec/source/kind").asText())) {
      return Optional.empty();
    }
    return api.get(
        VM, snapshot.at("/metadata/namespace").asText(), snapshot.at("/spec/source/name").asText());
  }

  private void fail(ObjectNode snapshot, String message) {
    write(snapshot, s -> SnapshotStatuses.failed(s, message));
  }

  private void write(ObjectNode snapshot, UnaryOperator<ObjectNode> status) {
    api.writeStatus(
            SNAPSHOT,
            snapshot.at("/metadata/namespace").asText(),
            snapshot.at("/metadata/name").asText(),
            status)
        .ifPresent(
            s -> {
              String error = s.at("/status/error/message").asText("");
              String phase = s.at("/status/phase").asText();
              TransitionLog.transition(SNAPSHOT, s, error.isEmpty() ? phase : phase + ": " + error);
            });
  }

  private static String missingSourceMessage(JsonNode snapshot) {
    JsonNode source = snapshot.at("/spec/source");
    return "Source "
        + source.path("kind").asText()
        + " "
        + snapshot.at("/metadata/namespace").asText()
        + "/"
        + source.path("name").asText()
        + " does not exist";
  }

  private String simulatedFailureMessage(JsonNode snapshot) {
    return "Simulated failure: snapshot "
        + snapshot.at("/metadata/name").asText()
        + " failed (the simulator fails snapshots matching "
        + settings.failSnapshotMatching().pattern()
        + ")";
  }
}
