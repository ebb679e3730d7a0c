package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vmclone.operator.identity.AccessDecisions.Answer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which SubjectAccessReview answers are reused, for how long, and which are always asked again. */
class AccessDecisionsTest {

  private static final Duration LIFETIME = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final RequesterIdentity ALICE =
      new RequesterIdentity("alice", "u-1", List.of("developers", "system:authenticated"));
  private static final Right CREATE_VMS =
      new Right("create", "kubevirt.io", "virtualmachines", "", "team-a", "");

  private final MovableClock clock = new MovableClock(T0);
  private final AccessDecisions decisions = new AccessDecisions(LIFETIME, 100, clock);
  private final AtomicInteger asked = new AtomicInteger();

  @Test
  void anAllowedAnswerIsReusedWithinItsLifetime() {
    assertThat(decide(ALICE, CREATE_VMS, true).allowed()).isTrue();
    clock.at(T0.plus(LIFETIME).minusMillis(1));

    assertThat(decide(ALICE, CREATE_VMS, false).allowed()).isTrue();
    assertThat(asked).hasValue(1);
  }

  @Test
  void anAllowedAnswerAsOldAsItsLifetimeIsAskedAgain() {
    decide(ALICE, CREATE_VMS, true);
    clock.at(T0.plus(LIFETIME));

    assertThat(decide(ALICE, CREATE_VMS, false).allowed()).isFalse();
    assertThat(asked).hasValue(2);
  }

  @Test
  void aDenialIsAskedAgainEveryTime() {
    Answer first = decide(ALICE, CREATE_VMS, false);
    Answer second = decide(ALICE, CREATE_VMS, true);

    assertThat(first.allowed()).isFalse();
    assertThat(second.allowed()).as("a right granted meanwhile is seen at once").isTrue();
    assertThat(asked).hasValue(2);
  }

  @Test
  void anotherGroupIsAnotherQuestion() {
    decide(ALICE, CREATE_VMS, true);
    RequesterIdentity fewerGroups =
        new RequesterIdentity("alice", "u-1", List.of("system:authenticated"));

    assertThat(decide(fewerGroups, CREATE_VMS, false).allowed()).isFalse();
    assertThat(asked).hasValue(2);
  }

  @Test
  void theOrderOfTheGroupsIsTheSameQuestion() {
    decide(ALICE, CREATE_VMS, true);
    RequesterIdentity reordered =
        new RequesterIdentity("alice", "u-1", List.of("system:authenticated", "developers"));

    assertThat(decide(reordered, CREATE_VMS, false).allowed()).isTrue();
    assertThat(asked).hasValue(1);
  }

  @Test
  void otherExtraAttributesAreAnotherQuestion() {
    RequesterIdentity bot = serviceAccount("credential-1");
    decide(bot, CREATE_VMS, true);

    assertThat(decide(serviceAccount("credential-2"), CREATE_VMS, false).allowed()).isFalse();
    assertThat(asked).hasValue(2);
  }

  @Test
  void anotherUidIsAnotherQuestion() {
    decide(ALICE, CREATE_VMS, true);
    RequesterIdentity recreated =
        new RequesterIdentity("alice", "u-2", List.of("developers", "system:authenticated"));

    assertThat(decide(recreated, CREATE_VMS, false).allowed()).isFalse();
    assertThat(asked).hasValue(2);
  }

  @Test
  void everyAttributeOfTheRightMakesAnotherQuestion() {
    decide(ALICE, CREATE_VMS, true);
    List<Right> others =
        List.of(
            new Right("update", "kubevirt.io", "virtualmachines", "", "team-a", ""),
            new Right("create", "cdi.kubevirt.io", "virtualmachines", "", "team-a", ""),
            new Right("create", "kubevirt.io", "virtualmachineinstances", "", "team-a", ""),
            new Right("create", "kubevirt.io", "virtualmachines", "status", "team-a", ""),
            new Right("create", "kubevirt.io", "virtualmachines", "", "team-b", ""),
            new Right("create", "kubevirt.io", "virtualmachines", "", "team-a", "web"));

    for (Right other : others) {
      assertThat(decide(ALICE, other, false).allowed()).as(other.describe()).isFalse();
    }
    assertThat(asked).hasValue(1 + others.size());
  }

  @Test
  void theOldestAnswersGoWhenTheBoundIsReached() {
    AccessDecisions small = new AccessDecisions(LIFETIME, 3, clock);
    for (String namespace : List.of("a", "b", "c", "d")) {
      small.decide(AccessKey.of(ALICE, inNamespace(namespace)), ask(true));
    }
    assertThat(small.size()).isEqualTo(3);
    asked.set(0);

    small.decide(AccessKey.of(ALICE, inNamespace("d")), ask(false));
    assertThat(asked).as("the newest is kept").hasValue(0);
    assertThat(small.decide(AccessKey.of(ALICE, inNamespace("a")), ask(false)).allowed())
        .as("the oldest is gone")
        .isFalse();
    assertThat(asked).hasValue(1);
  }

  @Test
  void aLifetimeOfZeroAsksEveryTime() {
    AccessDecisions off = new AccessDecisions(Duration.ZERO, 100, clock);
    off.decide(AccessKey.of(ALICE, CREATE_VMS), ask(true));
    off.decide(AccessKey.of(ALICE, CREATE_VMS), ask(true));

    assertThat(asked).hasValue(2);
    assertThat(off.size()).isZero();
  }

  @Test
  void anAnswerFromAClockThatWentBackIsNotReused() {
    decide(ALICE, CREATE_VMS, true);
    clock.at(T0.minusSeconds(1));

    assertThat(decide(ALICE, CREATE_VMS, false).allowed()).isFalse();
  }

  @Test
  void anErrorIsNotKeptAndReachesTheCaller() {
    AccessKey key = AccessKey.of(ALICE, CREATE_VMS);
    assertThatThrownBy(
            () ->
                decisions.decide(
                    key,
                    k -> {
                      throw new IllegalStateException("API server unreachable");
                    }))
        .hasMessage("API server unreachable");

    assertThat(decide(ALICE, CREATE_VMS, false).allowed()).isFalse();
  }

  @Test
  void aNegativeLifetimeIsRefused() {
    assertThatThrownBy(() -> new AccessDecisions(Duration.ofSeconds(-1), 100, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void questionsAskedWhileTheSameIsOnItsWayShareItsReview() throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            8,
            task -> {
              Thread thread = new Thread(task);
              threads.add(thread);
              return thread;
            });
    try {
      Future<Answer> first =
          pool.submit(
              () ->
                  decisions.decide(
                      AccessKey.of(ALICE, CREATE_VMS),
                      key -> {
                        asked.incrementAndGet();
                        sent.countDown();
                        awaitQuietly(release);
                        return Answer.ALLOWED;
                      }));
      sent.await(10, TimeUnit.SECONDS);
      List<Future<Answer>> others = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        others.add(pool.submit(() -> decide(ALICE, CREATE_VMS, false)));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> threads.size() == 8 && threads.stream().allMatch(this::waits));
      release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS).allowed()).isTrue();
      for (Future<Answer> other : others) {
        assertThat(other.get(10, TimeUnit.SECONDS).allowed()).isTrue();
      }
      assertThat(asked).as("one review for eight callers").hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private boolean waits(Thread thread) {
    return thread.getState() == Thread.State.WAITING
        || thread.getState() == Thread.State.TIMED_WAITING;
  }

  private Answer decide(RequesterIdentity requester, Right right, boolean allowed) {
    return decisions.decide(AccessKey.of(requester, right), ask(allowed));
  }

  private Function<AccessKey, Answer> ask(boolean allowed) {
    return key -> {
      asked.incrementAndGet();
      return allowed ? Answer.ALLOWED : new Answer(false, "");
    };
  }

  private static Right inNamespace(String namespace) {
    return new Right("create", "kubevirt.io", "virtualmachines", "", namespace, "");
  }

  private static RequesterIdentity serviceAccount(String credential) {
    return new RequesterIdentity(
        "system:serviceaccount:ci:builder",
        "u-sa",
        List.of("system:serviceaccounts", "system:serviceaccounts:ci"),
        Map.of("authentication.kubernetes.io/credential-id", List.of(credential)));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A clock a test sets. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void at(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
