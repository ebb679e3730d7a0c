package io.vmclone.operator.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN only for a wedged process, which a restart cures. A process is wedged when its
 * threads are deadlocked (the JVM says so) or when it cannot answer the probe at all (the HTTP
 * server is stuck, and the probe times out). Nothing outside the process counts: a database or API
 * server outage is readiness's business, and restarting every replica for it would only lose the
 * informer caches and the lease.
 */
@Liveness
@ApplicationScoped
public class DeadlockCheck implements HealthCheck {

  static final String NAME = "vmclone-threads";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  @Override
  public HealthCheckResponse call() {
    long[] deadlocked = threads.findDeadlockedThreads();
    if (deadlocked == null) {
      return HealthCheckResponse.up(NAME);
    }
    String names =
        Arrays.stream(threads.getThreadInfo(deadlocked))
            .filter(info -> info != null)
            .map(info -> info.getThreadName())
            .collect(Collectors.joining(", "));
    return HealthCheckResponse.named(NAME).down().withData("deadlocked", names).build();
  }
}
