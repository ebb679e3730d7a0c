package io.vmclone.operator.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The API server's recent "allowed" answers to SubjectAccessReviews ({@code
 * vmclone.identity.access-review-cache}), so that many clones of one requester, or the recovery of
 * many, do not ask the same question again and again.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>Only allowed answers are kept, each for at most the lifetime, counted from the moment the
 *       question was sent. A denial is asked again every time: a right just granted is seen at
 *       once, a right just revoked at most one lifetime late.
 *   <li>The key is the complete review ({@link AccessKey}); nothing of a credential.
 *   <li>At most {@code maxEntries} answers; past that the oldest goes.
 *   <li>Questions asked at the same time share one review: whoever asks while the same question is
 *       on its way waits for that answer (or its error) instead of sending another.
 *   <li>A lifetime of zero keeps and shares nothing: every question is sent.
 * </ul>
 *
 * A clock that goes back makes an answer look younger than it is: an answer asked "in the future"
 * counts as expired.
 */
final class AccessDecisions {

  /** An answer of the API server: allowed, or the reason it gave for not (may be empty). */
  record Answer(boolean allowed, String reason) {
    static final Answer ALLOWED = new Answer(true, "");
  }

  private final Duration lifetime;
  private final int maxEntries;
  private final Clock clock;
  private final Map<AccessKey, Instant> allowedAt; // guarded by itself
  private final Map<AccessKey, CompletableFuture<Answer>> asking = new ConcurrentHashMap<>();

  AccessDecisions(Duration lifetime, int maxEntries, Clock clock) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("an answer's lifetime cannot be negative: " + lifetime);
    }
    this.lifetime = lifetime;
    this.maxEntries = maxEntries;
    this.clock = clock;
    this.allowedAt =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<AccessKey, Instant> eldest) {
            return size() > AccessDecisions.this.maxEntries;
          }
        };
  }

  /** How long an allowed answer is kept. */
  Duration lifetime() {
    return lifetime;
  }

  /**
   * The answer to the question: a kept "allowed", the answer of the same question already on its
   * way, or else {@code ask}'s. Exceptions of {@code ask} reach every caller waiting for it.
   */
  Answer decide(AccessKey key, Function<AccessKey, Answer> ask) {
    if (lifetime.isZero()) {
      return ask.apply(key);
    }
    if (holds(key)) {
      return Answer.ALLOWED;
    }
    CompletableFuture<Answer> mine = new CompletableFuture<>();
    CompletableFuture<Answer> theirs = asking.putIfAbsent(key, mine);
    if (theirs != null) {
      return await(theirs);
    }
    try {
      // Who asked before us may have finished between the look above and our registration.
      Answer answer = holds(key) ? Answer.ALLOWED : askNow(key, ask);
      mine.complete(answer);
      return answer;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      asking.remove(key, mine);
    }
  }

  /** How many allowed answers are kept now (expired ones included until looked at). */
  int size() {
    synchronized (allowedAt) {
      return allowedAt.size();
    }
  }

  private Answer askNow(AccessKey key, Function<AccessKey, Answer> ask) {
    Instant sent = clock.instant();
    Answer answer = ask.apply(key);
    if (answer.allowed()) {
      synchronized (allowedAt) {
        allowedAt.remove(key);
        allowedAt.put(key, sent);
      }
    }
    return answer;
  }

  private boolean holds(AccessKey key) {
    Instant now = clock.instant();
    synchronized (allowedAt) {
      Instant sent = allowedAt.get(key);
      if (sent == null) {
        return false;
      }
      if (sent.isAfter(now) || !now.isBefore(sent.plus(lifetime))) {
        allowedAt.remove(key);
        return false;
      }
      return true;
    }
  }

  private static Answer await(CompletableFuture<Answer> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }
}
