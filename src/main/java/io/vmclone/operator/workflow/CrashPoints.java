package io.vmclone.operator.workflow;

import io.vmclone.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points in the write order where the crash tests halt the process as {@code kill -9} would
 * ({@link Runtime#halt}: no shutdown hooks, no handover). Inert unless {@code vmclone.crash.point}
 * is set, which only the crash harness does.
 */
@ApplicationScoped
public class CrashPoints {

  /** After STARTED is committed, before the action's side effect. */
  public static final String BEFORE_SIDE_EFFECT = "before-side-effect";

  /** After the side effect, before DONE is written. */
  public static final String AFTER_SIDE_EFFECT = "after-side-effect";

  /** After DONE is committed, before the status patch. */
  public static final String AFTER_DONE = "after-done";

  /** After the final commit, before the status patch. */
  public static final String AFTER_COMMIT = "after-commit";

  private final String armed;
  private final int hit;
  private final AtomicInteger reached = new AtomicInteger();

  @Inject
  public CrashPoints(OperatorConfig config) {
    this(config.crash().point().orElse(null), config.crash().hit());
  }

  CrashPoints(String armed, int hit) {
    this.armed = armed;
    this.hit = hit;
  }

  /** A crash point that never halts. */
  public static CrashPoints none() {
    return new CrashPoints(null, 1);
  }

  void reach(String point, String action) {
    reach(point + ":" + action);
  }

  void reach(String point) {
    if (armed != null && armed.equals(point) && reached.incrementAndGet() == hit) {
      System.err.println("vmclone: crash point " + point + " reached (hit " + hit + "): halting");
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }
}
