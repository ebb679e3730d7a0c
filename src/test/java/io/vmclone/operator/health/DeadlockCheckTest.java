package io.vmclone.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class DeadlockCheckTest {

  private final DeadlockCheck check = new DeadlockCheck();

  @Test
  void aHealthyProcessIsLive() {
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void deadlockedThreadsMakeTheProcessNotLiveAndAreNamed() throws InterruptedException {
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch bothHoldOne = new CountDownLatch(2);
    Thread first = new Thread(() -> lockBoth(a, b, bothHoldOne), "wedged-first");
    Thread second = new Thread(() -> lockBoth(b, a, bothHoldOne), "wedged-second");
    first.start();
    second.start();
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> check.call().getStatus() == HealthCheckResponse.Status.DOWN);
      assertThat(check.call().getData().orElseThrow().get("deadlocked").toString())
          .contains("wedged-first", "wedged-second");
    } finally {
      // The locks are interruptible, so the deadlock ends here and later tests see a live JVM.
      first.interrupt();
      second.interrupt();
      first.join();
      second.join();
    }
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  private static void lockBoth(ReentrantLock mine, ReentrantLock theirs, CountDownLatch ready) {
    try {
      mine.lockInterruptibly();
      try {
        ready.countDown();
        ready.await();
        theirs.lockInterruptibly();
        theirs.unlock();
      } finally {
        mine.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
