package io.vmclone.crash;

import io.vmclone.operator.workflow.action.ActionNames;
import java.util.ArrayList;
import java.util.List;

/**
 * A crash point of the operator ({@code VMCLONE_CRASH_POINT}): a kind of point and, except for
 * {@code after-commit}, the action it belongs to.
 *
 * @param kind before-side-effect, after-side-effect, after-done or after-commit
 * @param action the action, or null for after-commit
 */
public record CrashPoint(String kind, String action) {

  /** The workflow's actions in order (the engine's Commit aside). */
  public static final List<String> ACTIONS = ActionNames.IN_ORDER;

  static final List<String> KINDS =
      List.of("before-side-effect", "after-side-effect", "after-done");
  static final String AFTER_COMMIT = "after-commit";

  static CrashPoint of(String kind, String action) {
    return new CrashPoint(kind, action);
  }

  static CrashPoint afterCommit() {
    return new CrashPoint(AFTER_COMMIT, null);
  }

  /** Every action at every kind of point, then after-commit. */
  static List<CrashPoint> full() {
    List<CrashPoint> points = new ArrayList<>();
    for (String action : ACTIONS) {
      for (String kind : KINDS) {
        points.add(of(kind, action));
      }
    }
    points.add(afterCommit());
    return points;
  }

  /**
   * Every action once, the kinds of point taken in turn so that each appears, then after-commit.
   */
  static List<CrashPoint> reduced() {
    List<CrashPoint> points = new ArrayList<>();
    for (int i = 0; i < ACTIONS.size(); i++) {
      points.add(of(KINDS.get(i % KINDS.size()), ACTIONS.get(i)));
    }
    points.add(afterCommit());
    return points;
  }

  /** A point as VMCLONE_CRASH_POINT writes it. */
  static CrashPoint parse(String value) {
    if (value.equals(AFTER_COMMIT)) {
      return afterCommit();
    }
    String[] parts = value.split(":", 2);
    if (parts.length != 2 || !KINDS.contains(parts[0]) || !ACTIONS.contains(parts[1])) {
      throw new IllegalArgumentException(
          "not a crash point: "
              + value
              + " (KIND:ACTION with KIND in "
              + KINDS
              + ", ACTION in "
              + ACTIONS
              + ", or after-commit)");
    }
    return of(parts[0], parts[1]);
  }

  boolean isAfterCommit() {
    return AFTER_COMMIT.equals(kind);
  }

  /** The value of VMCLONE_CRASH_POINT. */
  String value() {
    return action == null ? kind : kind + ":" + action;
  }

  @Override
  public String toString() {
    return value();
  }
}
