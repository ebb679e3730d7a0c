package io.vmclone.operator.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** What one call of {@link Action#execute} found. */
public sealed interface ActionResult {

  /**
   * The side effect happened (or had already happened and was adopted).
   *
   * @param data recorded with the DONE entry, for later actions and for undo
   */
  record Done(JsonNode data, String message) implements ActionResult {}

  /** The side effect is under way; the engine polls again. */
  record InProgress(int percent, String message) implements ActionResult {}

  /** The action cannot start yet for a reason outside the clone; the engine polls again. */
  record Blocked(String reason, String message) implements ActionResult {}

  /** The action failed for good; the engine undoes the workflow. */
  record Failed(String reason, String message) implements ActionResult {}

  static Done done(JsonNode data, String message) {
    return new Done(data, message);
  }

  static InProgress inProgress(int percent, String message) {
    return new InProgress(Math.max(0, Math.min(100, percent)), message);
  }

  static Blocked blocked(String reason, String message) {
    return new Blocked(reason, message);
  }

  static Failed failed(String reason, String message) {
    return new Failed(reason, message);
  }
}
