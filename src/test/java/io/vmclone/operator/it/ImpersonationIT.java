package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With impersonation switched on (and the chart's extra rule for it granted), a person's clone
 * creates its VM impersonating them: the API server's audit log names the operator as the caller
 * and the person as who it acted as, without their groups (the chart grants impersonation of users
 * only, so that the operator can never act as a member of system:masters).
 */
@QuarkusTest
@TestProfile(ImpersonationIT.Impersonating.class)
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class ImpersonationIT extends OperatorIT {

  /** The operator as the chart configures it with impersonation on. */
  public static class Impersonating implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("vmclone.identity.impersonate-users", "true");
    }
  }

  @BeforeAll
  static void grantTheChartsImpersonationRule() {
    ImpersonationRights.grant();
  }

  @AfterAll
  static void revokeIt() {
    ImpersonationRights.revoke();
  }

  @AfterAll
  static void stopCdi() {
    if (cdi != null) {
      cdi.close();
      cdi = null;
    }
  }

  private static CdiAdmission cdi;

  @Test
  void aPersonsTargetVmIsCreatedImpersonatingThem() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs("alice", name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Impersonation");
    assertThat(targetCreates(clone.getStatus().getTargetName()))
        .singleElement()
        .satisfies(
            create -> {
              assertThat(create.user()).isEqualTo(OperatorInstall.USER);
              assertThat(create.impersonatedUser()).isEqualTo("alice");
              assertThat(create.impersonatedGroups()).doesNotContain("developers");
            });
  }

  /**
   * CDI checks {@code datavolumes/source} in the source namespace as whoever creates a copy: the
   * operator impersonating the person, so the person's own right is what counts.
   */
  @Test
  void aPersonsCopiesFromAnotherNamespaceAreCreatedImpersonatingThemAndAdmitted() {
    synchronized (ImpersonationIT.class) {
      if (cdi == null) {
        cdi = CdiAdmission.judging(namespace, namespace);
      }
    }
    String sources = TestControlPlane.newNamespace("sources");
    Requesters.grant(sources, List.of("alice"));
    String source = unique("web");
    createVmIn(sources, source);
    String name = unique("clone");
    VirtualMachineClone created =
        createCloneAs(
            "alice",
            name,
            source,
            spec -> spec.setSource(new CloneSource(SourceKind.VirtualMachine, source, sources)));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Impersonation");
    assertThat(dataVolumeCreates(namespace, created.getMetadata().getUid()))
        .hasSize(2)
        .allSatisfy(
            create -> {
              assertThat(create.user()).isEqualTo(OperatorInstall.USER);
              assertThat(create.impersonatedUser()).isEqualTo("alice");
              assertThat(create.code()).isEqualTo(201);
            });
  }
}
