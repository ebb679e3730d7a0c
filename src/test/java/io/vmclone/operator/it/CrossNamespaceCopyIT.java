package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.testing.AccessReviews;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Disk copies from another namespace on a cluster where CDI checks them (its admission webhook,
 * played by the simulator): CDI admits a DataVolume that clones from another namespace only if
 * whoever creates it may create {@code datavolumes/source} there. The operator holds that right
 * nowhere, so the copies are created as the requester, and the requester's right is what counts.
 * The clones are in the test's namespace, their sources in a namespace of their own.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class CrossNamespaceCopyIT extends OperatorIT {

  private static CdiAdmission cdi;

  @BeforeEach
  void cdiChecksTheCopiesInTheTestsNamespace() {
    synchronized (CrossNamespaceCopyIT.class) {
      if (cdi == null) {
        cdi = CdiAdmission.judging(namespace, namespace);
      }
    }
  }

  @AfterAll
  static void stopCdi() {
    synchronized (CrossNamespaceCopyIT.class) {
      if (cdi != null) {
        cdi.close();
        cdi = null;
      }
    }
  }

  @Test
  void aServiceAccountsCopiesFromAnotherNamespaceAreCreatedWithItsOwnTokenAndAdmitted() {
    String sources = sourceNamespaceFor(ciBotSubject());
    String source = unique("web");
    createVmIn(sources, source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source, spec -> from(spec, sources, source));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Token");
    assertThat(dataVolumeCreates(namespace, created.getMetadata().getUid()))
        .as("who created the copies")
        .hasSize(2)
        .allSatisfy(
            create -> {
              assertThat(create.user()).isEqualTo(Requesters.ciBotUser(namespace));
              assertThat(create.code()).isEqualTo(201);
            });
  }

  /**
   * The requester's right is checked by CDI as they create the copies, not only by Authorize: one
   * that lost it in between (here while the clone waited for its source) is refused, as the
   * operator with a right of its own would not have been.
   */
  @Test
  void aServiceAccountThatLostDatavolumesSourceBeforeItsCopiesIsRefusedByCdiAndNothingIsLeft() {
    String sources = sourceNamespaceFor(ciBotSubject());
    String source = unique("late");
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source, spec -> from(spec, sources, source));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                clone(name).getStatus() != null
                    && "True".equals(condition(clone(name), "Blocked")));
    String taskId = clone(name).getStatus().getTaskId();
    assertThat(journal(taskId)).contains("Authorize DONE");

    client.rbac().roleBindings().inNamespace(sources).delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !mayCloneFrom(Requesters.ciBotUser(namespace), sources));
    createVmIn(sources, source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);
    assertThat(reason(clone, "Ready")).isEqualTo("AdmissionDenied");
    assertThat(message(clone, "Ready"))
        .contains("insufficient permissions in clone source namespace " + sources);
    List<AuditLog.Event> creates = dataVolumeCreates(namespace, created.getMetadata().getUid());
    assertThat(creates)
        .isNotEmpty()
        .allSatisfy(
            create -> {
              assertThat(create.user()).isEqualTo(Requesters.ciBotUser(namespace));
              assertThat(create.code()).isNotEqualTo(201);
            });
    assertNothingLeftBehind(taskId, sources, source);
  }

  @Test
  void aPersonsCopyFromAnotherNamespaceWithoutImpersonationFailsBeforeAnySideEffect() {
    String sources = sourceNamespaceFor("alice");
    String source = unique("web");
    createVmIn(sources, source);
    String name = unique("clone");
    VirtualMachineClone created =
        createCloneAs("alice", name, source, spec -> from(spec, sources, source));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("ImpersonationRequired");
    assertThat(message(clone, "Ready"))
        .contains("from namespace " + sources, "vmclone.identity.impersonate-users=true");
    assertThat(events(name)).extracting(Event::getReason).contains("ImpersonationRequired");
    String taskId = clone.getStatus().getTaskId();
    assertThat(journal(taskId)).doesNotContain("FlagEntities STARTED");
    assertThat(dataVolumeCreates(namespace, created.getMetadata().getUid())).isEmpty();
    assertNothingLeftBehind(taskId, sources, source);
  }

  private String ciBotSubject() {
    return "serviceaccount:" + namespace + ":" + CI_BOT;
  }

  /** A new namespace where the subject holds the requester's rights. */
  private static String sourceNamespaceFor(String subject) {
    String sources = TestControlPlane.newNamespace("sources");
    Requesters.grant(sources, List.of(subject));
    return sources;
  }

  private static void from(VirtualMachineCloneSpec spec, String sources, String source) {
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, source, sources));
  }

  private void assertNothingLeftBehind(String taskId, String sources, String source) {
    assertThat(labelled(DATA_VOLUME, taskId)).as("DataVolumes").isEmpty();
    assertThat(labelled(VM, taskId)).as("VMs").isEmpty();
    assertThat(
            client
                .genericKubernetesResources(SNAPSHOT)
                .inNamespace(sources)
                .withLabel("vmclone.io/task-id", taskId)
                .list()
                .getItems())
        .as("snapshots")
        .isEmpty();
    GenericKubernetesResource vm =
        client.genericKubernetesResources(VM).inNamespace(sources).withName(source).get();
    if (vm != null) {
      assertThat(finalizers(vm)).noneMatch(f -> f.startsWith("vmclone.io/"));
    }
    assertThat(locks(taskId)).as("locks").isEmpty();
  }

  private boolean mayCloneFrom(String user, String sourceNamespace) {
    return AccessReviews.allowed(
        client,
        user,
        List.of("system:serviceaccounts"),
        AccessReviews.attributes()
            .withVerb("create")
            .withGroup("cdi.kubevirt.io")
            .withResource("datavolumes")
            .withSubresource("source")
            .withNamespace(sourceNamespace)
            .build());
  }
}
