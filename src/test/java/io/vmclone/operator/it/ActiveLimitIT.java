package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A namespace holds at most {@code vmclone.clone.max-active-per-namespace} queued or running clones
 * (two here): one more fails at once with {@code TooManyClones}, a condition and a Warning event,
 * having done nothing, while the others go on.
 */
@QuarkusTest
@TestProfile(ActiveLimitIT.TwoActive.class)
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ActiveLimitIT extends OperatorIT {

  /** Two active clones per namespace. */
  public static class TwoActive implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vmclone.clone.max-active-per-namespace", "2");
    }
  }

  @Test
  void aCloneBeyondTheNamespacesLimitFailsAtOnceAndTheOthersGoOn() {
    // Two clones that wait for a source that does not exist yet stay active.
    String later = unique("later");
    String first = unique("first");
    String second = unique("second");
    createClone(first, later);
    awaitBlocked(first);
    createClone(second, later);
    awaitBlocked(second);

    String third = unique("third");
    createClone(third, later);
    VirtualMachineClone refused = awaitPhase(third, ClonePhase.Failed);

    assertThat(reason(refused, "Ready")).isEqualTo("TooManyClones");
    assertThat(message(refused, "Ready")).contains("already has 2 clones queued or running");
    assertThat(events(third)).anyMatch(e -> "TooManyClones".equals(e.getReason()));
    assertThat(journal(refused.getStatus().getTaskId())).containsExactly("Reject ABORTED");

    createVm(later);
    assertThat(awaitPhase(first, ClonePhase.Succeeded)).isNotNull();
    assertThat(awaitPhase(second, ClonePhase.Succeeded)).isNotNull();
  }
}
