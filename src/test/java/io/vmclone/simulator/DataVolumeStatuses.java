package io.vmclone.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The DataVolume statuses CDI reports in each phase, with its conditions Bound, Ready and Running
 * and its progress text ({@code "N/A"}, {@code "45.20%"}, {@code "100.0%"}).
 */
final class DataVolumeStatuses {

  private DataVolumeStatuses() {}

  /** The phase prefix CDI uses for this DataVolume's source: {@code Clone} or {@code Import}. */
  static String transfer(JsonNode dataVolume) {
    JsonNode source = dataVolume.at("/spec/source");
    boolean clone =
        source.has("pvc") || source.has("snapshot") || dataVolume.at("/spec/sourceRef").isObject();
    return clone ? "Clone" : "Import";
  }

  static ObjectNode scheduled(ObjectNode dataVolume) {
    String claim = dataVolume.at("/metadata/name").asText();
    ObjectNode status = base(dataVolume, transfer(dataVolume) + "Scheduled", "N/A");
    Conditions.put(
        status,
        Conditions.cdi("Bound", false, "Pending", "PVC " + claim + " Pending"),
        Conditions.cdi("Ready", false, "", ""),
        Conditions.cdi("Running", false, "", ""));
    return status;
  }

  static ObjectNode inProgress(ObjectNode dataVolume, double percent) {
    ObjectNode status = base(dataVolume, transfer(dataVolume) + "InProgress", format(percent));
    Conditions.put(
        status,
        bound(dataVolume),
        Conditions.cdi("Ready", false, "TransferRunning", ""),
        Conditions.cdi("Running", true, "Pod is running", ""));
    return status;
  }

  static ObjectNode succeeded(ObjectNode dataVolume) {
    ObjectNode status = base(dataVolume, "Succeeded", "100.0%");
    Conditions.put(
        status,
        bound(dataVolume),
        Conditions.cdi("Ready", true, "", ""),
        Conditions.cdi("Running", false, "Completed", ""));
    return status;
  }

  static ObjectNode failed(ObjectNode dataVolume, double percent, String message) {
    ObjectNode status = base(dataVolume, "Failed", format(percent));
    Conditions.put(
        status,
        bound(dataVolume),
        Conditions.cdi("Ready", false, "", ""),
        Conditions.cdi("Running", false, "Error", message));
    return status;
  }

  /** {@code "45.20%"} -> 45.2; {@code "N/A"} or anything else -> 0. */
  static double parse(String progress) {
    if (progress == null || !progress.endsWith("%")) {
      return 0;
    }
    try {
      return Double.parseDouble(progress.substring(0, progress.length() - 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String format(double percent) {
    return String.format(Locale.ROOT, "%.2f%%", percent);
  }

  private static ObjectNode bound(ObjectNode dataVolume) {
    String claim = dataVolume.at("/metadata/name").asText();
    return Conditions.cdi("Bound", true, "Bound", "PVC " + claim + " Bound");
  }

  private static ObjectNode base(ObjectNode dataVolume, String phase, String progress) {
    JsonNode old = dataVolume.path("status");
    ObjectNode status = old.isObject() ? old.deepCopy() : dataVolume.objectNode();
    status.put("phase", phase);
    status.put("progress", progress);
    status.put("claimName", dataVolume.at("/metadata/name").asText());
    status.put("restartCount", 0);
    return status;
  }
}
