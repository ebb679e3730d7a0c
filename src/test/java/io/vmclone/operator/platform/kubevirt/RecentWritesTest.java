package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.kubevirt.RecentWrites.Pending;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentWritesTest {

  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

  private final MutableClock clock = new MutableClock();
  private final RecentWrites writes = new RecentWrites(clock);

  @Test
  void aWriteNewerThanTheWatchedCopyIsTheAnswer() {
    writes.wrote("k", object("12"));

    assertThat(writes.pending("k", 11)).isEqualTo(Pending.of(object("12")));
    assertThat(writes.pending("k", -1).kind()).isEqualTo(Pending.Kind.WRITTEN);
  }

  @Test
  void theWatchCatchingUpEndsTheWrite() {
    writes.wrote("k", object("12"));

    writes.seen("k", 12);

    assertThat(writes.pending("k", -1)).isEqualTo(Pending.NONE);
    assertThat(writes.size()).isZero();
  }

  @Test
  void aReadOfAnEqualOrLaterWatchedVersionEndsTheWrite() {
    writes.wrote("k", object("12"));

    assertThat(writes.pending("k", 13)).isEqualTo(Pending.NONE);
    assertThat(writes.size()).isZero();
  }

  @Test
  void aWriteTheWatchNeverDeliversEndsAfterItsLifetime() {
    writes.wrote("k", object("12"));
    clock.now = NOW.plus(RecentWrites.LIFETIME).plusSeconds(1);

    assertThat(writes.pending("k", 3)).isEqualTo(Pending.NONE);
  }

  @Test
  void expiredEntriesOfKeysNeverReadAgainGoAtTheNextWrite() {
    writes.wrote("finished-clone-vm", object("12"));
    writes.deleted("finished-clone-snapshot");
    clock.now = NOW.plus(RecentWrites.LIFETIME).plusSeconds(1);

    writes.wrote("k", object("40"));

    assertThat(writes.size()).as("only the new write is left").isEqualTo(1);
  }

  @Test
  void aDeletedObjectIsReadLiveUntilTheWatchSeesItGo() {
    writes.wrote("k", object("12"));
    writes.deleted("k");

    assertThat(writes.pending("k", 12)).isEqualTo(Pending.LIVE);
    writes.seen("k", 13);
    assertThat(writes.pending("k", 13)).as("an update before the deletion").isEqualTo(Pending.LIVE);
    writes.gone("k");
    assertThat(writes.pending("k", -1)).isEqualTo(Pending.NONE);
  }

  @Test
  void aVersionThatIsNoNumberIsNeverNewerThanAWrite() {
    assertThat(RecentWrites.version(object("abc"))).isEqualTo(-1);
    assertThat(RecentWrites.version(JsonNodeFactory.instance.objectNode())).isEqualTo(-1);
  }

  @Test
  void watchedNamespacesFollowTheControllersSetting() {
    WatchedNamespaces all = WatchedNamespaces.of(Optional.empty(), "ops");
    WatchedNamespaces josdkAll =
        WatchedNamespaces.of(Optional.of(List.of("JOSDK_ALL_NAMESPACES")), "ops");
    WatchedNamespaces two = WatchedNamespaces.of(Optional.of(List.of("a", " b")), "ops");

    assertThat(all.scopes()).containsExactly(WatchedNamespaces.ANY);
    assertThat(josdkAll.scopeOf("x")).isEqualTo(WatchedNamespaces.ANY);
    assertThat(two.scopes()).containsExactlyInAnyOrder("a", "b");
    assertThat(two.scopeOf("b")).isEqualTo("b");
    assertThat(two.scopeOf("c")).isNull();
    WatchedNamespaces current =
        WatchedNamespaces.of(Optional.of(List.of("JOSDK_WATCH_CURRENT", "a")), "ops");
    assertThat(current.scopes()).containsExactlyInAnyOrder("ops", "a");
  }

  private static ObjectNode object(String version) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.putObject("metadata").put("resourceVersion", version);
    return object;
  }

  private static final class MutableClock extends Clock {
    Instant now = NOW;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
