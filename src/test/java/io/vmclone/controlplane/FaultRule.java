package io.vmclone.controlplane;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@link FaultProxy} does to the next {@code times} requests that match: answer them with an
 * error status in place of the API server, hold them back for a while before they go on, or answer
 * a watch with {@code 410 Gone} as the API server does for a resourceVersion it no longer has. Each
 * rule counts the requests it met, so that a test can tell that the client really met them.
 */
public final class FaultRule {

  /** What the rule does to a request it matches. */
  public enum Kind {
    /** Answers with an error status (a Kubernetes Status body; 429 with Retry-After). */
    ANSWER,
    /** Holds the request back, then lets the next rule or the API server answer it. */
    DELAY,
    /** Answers a watch with an ERROR event whose Status has code 410 (reason Expired). */
    GONE
  }

  private final Kind kind;
  private final String method;
  private final String path;
  private final boolean prefix;
  private final int code;
  private final Duration delay;
  private final int times;
  private final AtomicInteger met = new AtomicInteger();

  private FaultRule(
      Kind kind, String method, String path, boolean prefix, int code, Duration delay, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("a rule needs times >= 1");
    }
    this.kind = kind;
    this.method = method;
    this.path = path;
    this.prefix = prefix;
    this.code = code;
    this.delay = delay;
    this.times = times;
  }

  /**
   * The next {@code times} requests of the method to exactly this path (the query left aside) get
   * the status code (e.g. 500, 409, 429) instead of reaching the API server.
   */
  public static FaultRule answer(String method, String path, int code, int times) {
    return new FaultRule(Kind.ANSWER, method, path, false, code, Duration.ZERO, times);
  }

  /**
   * The next {@code times} requests of the method (null: any) to a path under {@code pathPrefix}
   * wait this long before they go on.
   */
  public static FaultRule delay(String method, String pathPrefix, Duration delay, int times) {
    return new FaultRule(Kind.DELAY, method, pathPrefix, true, 0, delay, times);
  }

  /**
   * The next {@code times} watch requests to a path under {@code pathPrefix} are answered with
   * {@code 410 Gone}, as an ERROR watch event (over a WebSocket if the client asked for one).
   */
  public static FaultRule gone(String pathPrefix, int times) {
    return new FaultRule(Kind.GONE, null, pathPrefix, true, 410, Duration.ZERO, times);
  }

  public Kind kind() {
    return kind;
  }

  public int code() {
    return code;
  }

  Duration delay() {
    return delay;
  }

  /** How many requests the rule met so far. */
  public int met() {
    return met.get();
  }

  /** Whether it met as many requests as it was armed for. */
  public boolean spent() {
    return met.get() >= times;
  }

  /** Whether the request matches and the rule still has a use left, which it then takes. */
  boolean take(String requestMethod, String requestPath, boolean watch) {
    if (!matches(requestMethod, requestPath, watch)) {
      return false;
    }
    while (true) {
      int now = met.get();
      if (now >= times) {
        return false;
      }
      if (met.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  private boolean matches(String requestMethod, String requestPath, boolean watch) {
    if (kind == Kind.GONE && !watch) {
      return false;
    }
    if (method != null && !method.equalsIgnoreCase(requestMethod)) {
      return false;
    }
    return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case ANSWER -> Integer.toString(code);
          case DELAY -> "delay " + delay.toMillis() + " ms";
          case GONE -> "watch 410 Gone";
        };
    return (method == null ? "*" : method)
        + " "
        + path
        + (prefix ? "*" : "")
        + " -> "
        + what
        + " ("
        + met.get()
        + "/"
        + times
        + ")";
  }
}
