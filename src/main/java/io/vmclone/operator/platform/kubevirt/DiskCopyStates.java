package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.DiskCopyState.Phase;

/**
 * Reads a DataVolume as {@link DiskCopyState}: Succeeded is 100%, Failed carries the message of
 * CDI's Running condition, every other phase (Pending, *Scheduled, *InProgress, Paused, ...) is in
 * progress with the percentage of {@code status.progress} ({@code "45.20%"} is 45, {@code "N/A"} is
 * 0).
 */
final class DiskCopyStates {

  private DiskCopyStates() {}

  static DiskCopyState of(JsonNode dataVolume) {
    String name = dataVolume.at("/metadata/name").asText();
    JsonNode status = dataVolume.path("status");
    String phase = status.path("phase").asText("");
    int percent = percent(status.path("progress").asText(""));
    String running = runningText(status);
    return switch (phase) {
      case "Succeeded" -> new DiskCopyState(name, Phase.SUCCEEDED, 100, running);
      case "Failed" ->
          new DiskCopyState(
              name, Phase.FAILED, percent, running.isEmpty() ? "DataVolume failed" : running);
      default -> new DiskCopyState(name, Phase.IN_PROGRESS, percent, inProgress(phase, running));
    };
  }

  /** {@code "45.20%"} -> 45; anything that is not a percentage -> 0; clamped to 0-100. */
  static int percent(String progress) {
    String number = progress.trim();
    if (!number.endsWith("%")) {
      return 0;
    }
    try {
      double value = Double.parseDouble(number.substring(0, number.length() - 1));
      return (int) Math.max(0, Math.min(100, Math.floor(value)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String inProgress(String phase, String running) {
    String shown = phase.isEmpty() ? "waiting for CDI" : phase;
    return running.isEmpty() ? shown : shown + ": " + running;
  }

  private static String runningText(JsonNode status) {
    for (JsonNode condition : status.path("conditions")) {
      if ("Running".equals(condition.path("type").asText())) {
        String message = condition.path("message").asText("");
        return message.isEmpty() ? condition.path("reason").asText("") : message;
      }
    }
    return "";
  }
}
