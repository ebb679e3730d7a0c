package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.testing.KubeVirtKind;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One log line per simulated transition: {@code DataVolume ns/name: CloneInProgress 45.20%}. */
final class TransitionLog {

  private static final Logger LOG = Logger.getLogger("io.vmclone.simulator");

  private TransitionLog() {}

  static void transition(KubeVirtKind kind, JsonNode object, String what) {
    LOG.info(() -> kind.kind() + " " + ref(object) + ": " + what);
  }

  static void failure(KubeVirtKind kind, JsonNode object, RuntimeException e) {
    LOG.log(Level.WARNING, e, () -> kind.kind() + " " + ref(object) + ": simulation step failed");
  }

  static String ref(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return metadata.path("namespace").asText() + "/" + metadata.path("name").asText();
  }
}
