package io.vmclone.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrashPointTest {

  @Test
  void theFullMatrixHasEveryActionAtEveryKindOfPointAndAfterCommit() {
    List<CrashPoint> full = CrashPoint.full();
    assertThat(full)
        .hasSize(CrashPoint.ACTIONS.size() * CrashPoint.KINDS.size() + 1)
        .doesNotHaveDuplicates();
    assertThat(full)
        .contains(CrashPoint.of("after-side-effect", "PowerOn"), CrashPoint.afterCommit());
  }

  @Test
  void theReducedMatrixHasEveryActionOnceEveryKindOfPointAndAfterCommit() {
    List<CrashPoint> reduced = CrashPoint.reduced();
    assertThat(reduced.stream().map(CrashPoint::action).filter(a -> a != null))
        .containsExactlyElementsOf(CrashPoint.ACTIONS);
    assertThat(reduced.stream().map(CrashPoint::kind).distinct())
        .containsExactlyInAnyOrder(
            "before-side-effect", "after-side-effect", "after-done", "after-commit");
  }

  @Test
  void aPointReadsAsTheOperatorWritesIt() {
    assertThat(CrashPoint.parse("after-done:CopyDisks").value()).isEqualTo("after-done:CopyDisks");
    assertThat(CrashPoint.parse("after-commit").isAfterCommit()).isTrue();
  }

  @Test
  void anUnknownPointIsRefused() {
    assertThatThrownBy(() -> CrashPoint.parse("after-done:Teleport"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a crash point");
  }
}
