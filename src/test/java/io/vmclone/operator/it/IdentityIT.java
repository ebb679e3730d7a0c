package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Who asked for a clone: captured, checked before anything happens, preserved, revived, used. The
 * requesters are the control plane's real users and ServiceAccounts, their rights real RBAC, and
 * who made which call the API server's audit log.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class IdentityIT extends OperatorIT {

  @Test
  void aCloneWithoutARequesterFailsClosedAndTouchesNothing() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created;
    try (WebhooksAbsent absent = WebhooksAbsent.in(client, namespace)) {
      created = createCloneAs("admin", name, source, spec -> {});
    }
    assertThat(RequesterAnnotation.read(created.getMetadata().getAnnotations())).isEmpty();

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("RequesterUnknown");
    assertNothingLeftBehind(clone.getStatus().getTaskId(), source);
    assertThat(journal(clone.getStatus().getTaskId())).containsExactly("Reject ABORTED");
  }

  @Test
  void aRequesterWithoutARightFailsForbiddenBeforeAnySideEffect() {
    RequesterRoles.grantAllBut(namespace, "bob", "cdi.kubevirt.io", "datavolumes", "create");
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs("bob", name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("Forbidden");
    assertThat(message(clone, "Ready"))
        .contains("user bob may not create datavolumes.cdi.kubevirt.io in namespace " + namespace);
    String taskId = clone.getStatus().getTaskId();
    assertThat(journal(taskId)).doesNotContain("FlagEntities STARTED");
    assertNothingLeftBehind(taskId, source);
  }

  /**
   * Admission no longer checks rights (it would be an oracle of other users' rights), so a clone
   * into a namespace where its requester may do nothing is admitted, and the operator refuses it.
   */
  @Test
  void aCrossNamespaceCloneWithoutRightsThereIsAdmittedAndFailsForbiddenBeforeAnySideEffect() {
    String other = TestControlPlane.newNamespace("other");
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs("alice", name, source, spec -> spec.setTarget(new CloneTarget(null, other)));

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("Forbidden");
    assertThat(message(clone, "Ready"))
        .contains("user alice may not create datavolumes.cdi.kubevirt.io in namespace " + other);
    assertThat(events(name)).extracting(Event::getReason).contains("Forbidden");
    String taskId = clone.getStatus().getTaskId();
    assertThat(journal(taskId)).doesNotContain("FlagEntities STARTED");
    assertNothingLeftBehind(taskId, source);
    assertThat(client.genericKubernetesResources(DATA_VOLUME).inNamespace(other).list().getItems())
        .isEmpty();
    assertThat(client.genericKubernetesResources(VM).inNamespace(other).list().getItems())
        .isEmpty();
  }

  @Test
  void aPersonsCloneIsCreatedByTheOperatorAfterTheirRightsWereChecked() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs("alice", name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getUsername()).isEqualTo("alice");
    assertThat(clone.getStatus().getRequester().getUid())
        .isEqualTo(TestControlPlane.get().user("alice").uid());
    assertThat(clone.getStatus().getRequester().getServiceAccount()).isNull();
    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Operator");
    assertThat(journal(clone.getStatus().getTaskId())).contains("Authorize DONE");
    assertThat(targetCreates(clone.getStatus().getTargetName()))
        .singleElement()
        .satisfies(
            create -> {
              assertThat(create.user()).isEqualTo(OperatorInstall.USER);
              assertThat(create.impersonatedUser()).isEmpty();
            });
  }

  @Test
  void theTargetIsCreatedWithTheRequestersPreservedTokenWhichGoesWithTheClone() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    String ciBot = Requesters.ciBotUser(namespace);
    assertThat(clone.getStatus().getRequester().getUsername()).isEqualTo(ciBot);
    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Token");
    assertThat(clone.getStatus().getRequester().getServiceAccount())
        .isEqualTo(namespace + "/" + CI_BOT);
    assertThat(targetCreates(clone.getStatus().getTargetName()))
        .singleElement()
        .satisfies(create -> assertThat(create.user()).isEqualTo(ciBot));
    assertThat(
            audited(
                e ->
                    "serviceaccounts".equals(e.resource())
                        && "token".equals(e.subresource())
                        && CI_BOT.equals(e.name())
                        && e.code() == 201))
        .as("the operator asked TokenRequest for ci-bot's token")
        .extracting(AuditLog.Event::user)
        .contains(OperatorInstall.USER);
    String secret = ChildNames.sessionSecretName(created.getMetadata().getUid());
    assertThat(client.secrets().inNamespace(namespace).withName(secret).get())
        .as("the token's Secret is gone once the clone is done")
        .isNull();
  }

  @Test
  void aServiceAccountDeletedWhileTheOperatorWasDownFailsTheRecoveredCloneAndUndoesIt() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();
    String token = preservedToken(created);

    try {
      client.serviceAccounts().inNamespace(namespace).withName(CI_BOT).delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> !authenticates(token));
      interrupt(taskId);

      VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);
      assertThat(reason(clone, "Ready")).isEqualTo("IdentityRevoked");
      assertThat(message(clone, "Ready")).contains("no longer authenticates");
      assertNothingLeftBehind(taskId, source);
    } finally {
      Requesters.ensureCiBot(namespace);
    }
  }

  @Test
  void noTokenEverAppearsInTheDatabaseTheClonesTheirEventsOrTheLog() throws IOException {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);
    awaitStep(name, "CopyDisks");
    List<String> tokens =
        List.of(
            preservedToken(created),
            ConfigProvider.getConfig().getValue("quarkus.kubernetes-client.token", String.class));
    awaitPhase(name, ClonePhase.Succeeded);

    List<String> places = new ArrayList<>();
    for (String table :
        List.of(
            "clone_task",
            "workflow_journal",
            "journal_entry",
            "entity_flag",
            "preserved_session",
            "leadership")) {
      places.addAll(query("SELECT row_to_json(t)::text FROM " + table + " t WHERE ? <> ''", "x"));
    }
    client
        .resources(VirtualMachineClone.class)
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(c -> places.add(client.getKubernetesSerialization().asJson(c)));
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .list()
        .getItems()
        .forEach(e -> places.add(e.getMessage()));
    for (Path log :
        List.of(Path.of("target/quarkus-test.log"), Path.of("target/quarkus-test.log.1"))) {
      if (Files.exists(log)) {
        places.add(Files.readString(log));
      }
    }

    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      assertThat(places).as("token %d", i).noneMatch(place -> place.contains(token));
    }
  }

  /** The token the operator keeps for a ServiceAccount's clone, as only an admin may read it. */
  private String preservedToken(VirtualMachineClone clone) {
    String name = ChildNames.sessionSecretName(clone.getMetadata().getUid());
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    assertThat(secret).as("the preserved token's Secret").isNotNull();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
  }

  private boolean authenticates(String token) {
    TokenReview review =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
    return Boolean.TRUE.equals(review.getStatus().getAuthenticated());
  }
}
