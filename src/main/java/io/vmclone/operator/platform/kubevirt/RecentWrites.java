package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the operator itself wrote a moment ago and the watch may not have delivered yet: the read
 * after a write must see the write, never the version before it. An entry is the object as the API
 * server answered the write, or a mark that the object was deleted (reads then go to the API
 * server); it ends when the watch delivers that version or a later one, or after {@link #LIFETIME}
 * (a watch that missed the change must not pin an old answer). Expired entries go at the next write
 * even if their key is never read again (the watch may have delivered a version before the write
 * was noted), so the map holds about a lifetime's writes.
 */
final class RecentWrites {

  static final Duration LIFETIME = Duration.ofSeconds(30);

  private record Write(Optional<ObjectNode> object, long version, Instant at) {}

  private final Map<String, Write> writes = new ConcurrentHashMap<>();
  private final Clock clock;

  RecentWrites(Clock clock) {
    this.clock = clock;
  }

  /** The object as the API server answered a create or update of it. */
  void wrote(String key, ObjectNode object) {
    note(key, new Write(Optional.of(object), version(object), clock.instant()));
  }

  /** The object was deleted (or is being deleted): read it from the API server for a while. */
  void deleted(String key) {
    note(key, new Write(Optional.empty(), Long.MAX_VALUE, clock.instant()));
  }

  private void note(String key, Write write) {
    writes.values().removeIf(this::expired);
    writes.put(key, write);
  }

  private boolean expired(Write write) {
    return Duration.between(write.at, clock.instant()).compareTo(LIFETIME) > 0;
  }

  /** The watch delivered this version of the object; an older or equal write is caught up with. */
  void seen(String key, long watchedVersion) {
    writes.computeIfPresent(key, (k, write) -> watchedVersion >= write.version ? null : write);
  }

  /** The watch saw the object go. */
  void gone(String key) {
    writes.remove(key);
  }

  /**
   * What a read of the key must answer, given the watch's copy at {@code watchedVersion} (-1 when
   * the watch has none): {@link Pending#NONE} when the watch's copy is current, the object written,
   * or {@link Pending#LIVE} when only the API server can tell.
   */
  Pending pending(String key, long watchedVersion) {
    Write write = writes.get(key);
    if (write == null) {
      return Pending.NONE;
    }
    if (expired(write)) {
      writes.remove(key, write);
      return Pending.NONE;
    }
    if (watchedVersion >= write.version) {
      writes.remove(key, write);
      return Pending.NONE;
    }
    return write.object.map(Pending::of).orElse(Pending.LIVE);
  }

  int size() {
    return writes.size();
  }

  /** A resourceVersion as a number: etcd's revision; -1 if it is not one. */
  static long version(ObjectNode object) {
    return version(object.at("/metadata/resourceVersion").asText(""));
  }

  /** A resourceVersion as a number: etcd's revision; -1 if it is not one. */
  static long version(String resourceVersion) {
    try {
      return Long.parseLong(resourceVersion);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** What a pending write means for a read. */
  record Pending(Kind kind, ObjectNode object) {
    enum Kind {
      NONE,
      WRITTEN,
      LIVE
    }

    static final Pending NONE = new Pending(Kind.NONE, null);
    static final Pending LIVE = new Pending(Kind.LIVE, null);

    static Pending of(ObjectNode object) {
      return new Pending(Kind.WRITTEN, object);
    }
  }
}
