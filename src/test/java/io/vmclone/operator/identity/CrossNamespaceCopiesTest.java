package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who can have a clone's disks copied across namespaces: see {@link CrossNamespaceCopies}. */
class CrossNamespaceCopiesTest {

  private static final RequesterIdentity ALICE = new RequesterIdentity("alice", "", List.of());
  private static final RequesterIdentity CI_BOT =
      new RequesterIdentity("system:serviceaccount:team-a:ci-bot", "", List.of());

  private final CrossNamespaceCopies withoutImpersonation = new CrossNamespaceCopies(false);

  @Test
  void aPersonsCopyFromAnotherNamespaceWithoutImpersonationIsRefusedNamingTheSetting() {
    assertThat(withoutImpersonation.refusal(ALICE, spec("team-b", null), "team-a"))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        "from namespace team-b into team-a",
                        "as alice",
                        "vmclone.identity.impersonate-users=true"));
    assertThat(withoutImpersonation.refusal(ALICE, spec(null, "team-b"), "team-a")).isPresent();
  }

  @Test
  void aPersonsCopyWithinOneNamespaceNeedsNothing() {
    assertThat(withoutImpersonation.refusal(ALICE, spec(null, null), "team-a")).isEmpty();
    assertThat(withoutImpersonation.refusal(ALICE, spec("team-b", "team-b"), "team-a")).isEmpty();
    assertThat(withoutImpersonation.refusal(ALICE, spec("team-a", ""), "team-a")).isEmpty();
  }

  @Test
  void aServiceAccountsCopiesAreCreatedWithItsTokenSoAnyNamespaceWillDo() {
    assertThat(withoutImpersonation.refusal(CI_BOT, spec("team-b", null), "team-a")).isEmpty();
  }

  @Test
  void withImpersonationAPersonsCopiesAreCreatedAsThem() {
    assertThat(new CrossNamespaceCopies(true).refusal(ALICE, spec("team-b", null), "team-a"))
        .isEmpty();
  }

  private static VirtualMachineCloneSpec spec(String sourceNamespace, String targetNamespace) {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "web", sourceNamespace));
    if (targetNamespace != null) {
      spec.setTarget(new CloneTarget(null, targetNamespace));
    }
    return spec;
  }
}
