package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.ClonePolicy;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.SessionTokens;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.TaskJournal;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.recovery.TokenSweep;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.CreationKeySource;
import io.vmclone.operator.workflow.action.ActionNames;
import io.vmclone.testing.AccessReviews;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
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

  /** The chart's Role of the operator's Secrets in its own namespace. */
  private static final String TOKENS_ROLE = OperatorInstall.SERVICE_ACCOUNT + "-session-tokens";

  @Inject TokenSweep sweep;
  @Inject JournalRepository journals;
  @Inject CreationKeySource creationKeys;

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
    assertThat(client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(secret).get())
        .as("the token's Secret is gone once the clone is done")
        .isNull();
  }

  @Test
  void thePreservedTokenIsKeptInTheOperatorsNamespaceWhereTheRequesterCannotReadIt() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);
    awaitStep(name, "CopyDisks");
    String secretName = ChildNames.sessionSecretName(created.getMetadata().getUid());

    Secret kept =
        client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(secretName).get();
    assertThat(kept).as("the token's Secret in " + OperatorInstall.NAMESPACE).isNotNull();
    assertThat(kept.getMetadata().getLabels())
        .containsEntry("vmclone.io/task-id", clone(name).getStatus().getTaskId());
    assertThat(client.secrets().inNamespace(namespace).withName(secretName).get())
        .as("no token Secret in the requester's namespace")
        .isNull();
    try (KubernetesClient ciBot = Requesters.clientAs(CI_BOT, namespace)) {
      assertThat(
              ciBot
                  .authorization()
                  .v1()
                  .selfSubjectAccessReview()
                  .create(
                      new SelfSubjectAccessReviewBuilder()
                          .withNewSpec()
                          .withNewResourceAttributes()
                          .withVerb("get")
                          .withResource("secrets")
                          .withNamespace(OperatorInstall.NAMESPACE)
                          .withName(secretName)
                          .endResourceAttributes()
                          .endSpec()
                          .build())
                  .getStatus()
                  .getAllowed())
          .as("ci-bot may read its preserved token")
          .isFalse();
    }
    awaitPhase(name, ClonePhase.Succeeded);
    awaitSecretGone(secretName);
  }

  @Test
  void thePreservedTokenIsForTheApiServersAudienceAndLivesNoLongerThanTheClonesDeadline() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created =
        createClone(name, source, spec -> spec.setPolicy(new ClonePolicy(null, "15m")));
    awaitStep(name, "CopyDisks");
    String token = preservedToken(created);
    Secret kept =
        client
            .secrets()
            .inNamespace(OperatorInstall.NAMESPACE)
            .withName(ChildNames.sessionSecretName(created.getMetadata().getUid()))
            .get();
    Instant expires =
        Instant.parse(kept.getMetadata().getAnnotations().get("vmclone.io/token-expires"));

    assertThat(expires)
        .as("the token outlives the clone's 15 minute deadline by at most a minute")
        .isBefore(
            Instant.parse(created.getMetadata().getCreationTimestamp())
                .plus(Duration.ofMinutes(16)));
    assertThat(authenticates(token, "https://somewhere.else.example"))
        .as("the token is accepted for another audience")
        .isFalse();
    assertThat(authenticates(token)).isTrue();
    awaitPhase(name, ClonePhase.Succeeded);
  }

  @Test
  void theTokenSecretIsGoneAfterAFailure() {
    String source = unique("web");
    createVm(source, "Halted", FAILING_VOLUME);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(journal(clone.getStatus().getTaskId()))
        .as("a token was preserved before the copy failed")
        .contains("PreserveSession DONE", "PreserveSession UNDONE");
    awaitSecretGone(ChildNames.sessionSecretName(created.getMetadata().getUid()));
  }

  @Test
  void aServiceAccountOfANamespaceTheOperatorDoesNotServeFailsOutOfScopeBeforeAnySideEffect() {
    String outside = TestControlPlane.newNamespace("unserved");
    Requesters.ensureCiBot(outside);
    Requesters.grant(namespace, List.of("serviceaccount:" + outside + ":" + CI_BOT));
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName(name);
    clone.getMetadata().setNamespace(namespace);
    clone.setSpec(new VirtualMachineCloneSpec());
    clone.getSpec().setSource(new CloneSource(SourceKind.VirtualMachine, source, null));
    try (KubernetesClient outsider = Requesters.clientAs(CI_BOT, outside)) {
      outsider.resources(VirtualMachineClone.class).inNamespace(namespace).resource(clone).create();
    }

    VirtualMachineClone failed = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(failed, "Ready")).isEqualTo("RequesterOutOfScope");
    assertThat(message(failed, "Ready")).contains(outside + "/" + CI_BOT);
    assertThat(events(name)).extracting(Event::getReason).contains("RequesterOutOfScope");
    String taskId = failed.getStatus().getTaskId();
    assertThat(journal(taskId)).noneMatch(line -> line.startsWith("PreserveSession"));
    assertThat(journal(taskId)).doesNotContain("FlagEntities STARTED");
    assertThat(
            audited(
                e ->
                    "serviceaccounts".equals(e.resource())
                        && "token".equals(e.subresource())
                        && outside.equals(e.namespace())
                        && OperatorInstall.USER.equals(e.user())))
        .as("the operator asked for a token of the outsider")
        .isEmpty();
    assertNothingLeftBehind(taskId, source);
  }

  private void awaitSecretGone(String secretName) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(secretName).get()
                    == null);
  }

  @Test
  void aServiceAccountDeletedWhileTheOperatorWasDownFailsTheRecoveredCloneAndUndoesIt() {
    // The clone waits for its source with the token preserved but not yet used: every use makes
    // the API server trust the token for ~10 s more, and the clone would finish within that.
    String source = unique("web");
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);
    String taskId = awaitBlocked(name);
    String token = preservedToken(created);

    try {
      client.serviceAccounts().inNamespace(namespace).withName(CI_BOT).delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> !authenticates(token));
      interrupt(taskId);
      createVm(source);

      VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);
      assertThat(reason(clone, "Ready")).isEqualTo("IdentityRevoked");
      assertThat(message(clone, "Ready")).contains("no longer authenticates");
      assertNothingLeftBehind(taskId, source);
    } finally {
      Requesters.ensureCiBot(namespace);
    }
  }

  @Test
  void theTokenSweepRemovesATokenSecretAFinishedCloneLeftBehindAndNoOtherSecret() {
    VirtualMachineClone finished = succeededClone();
    String taskId = finished.getStatus().getTaskId();
    // What Release would leave behind had its delete failed; and a Secret of a task this
    // operator's journal does not know, which may belong to another installation.
    String leftover = ChildNames.sessionSecretName(finished.getMetadata().getUid());
    String stranger = unique("stranger");
    keptToken(leftover, taskId);
    keptToken(stranger, UUID.randomUUID().toString());

    await().atMost(Duration.ofSeconds(20)).until(() -> secret(leftover) == null);
    try {
      sweep.sweep();
      assertThat(secret(stranger)).isNotNull();
    } finally {
      client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(stranger).delete();
    }
  }

  @Test
  void aTokenSecretThatCannotBeDeletedIsWarnedAboutAndTriedAgainUntilItIsGone() {
    VirtualMachineClone finished = succeededClone();
    String name = finished.getMetadata().getName();
    String taskId = finished.getStatus().getTaskId();
    String leftover = ChildNames.sessionSecretName(finished.getMetadata().getUid());
    Role tokens =
        client.rbac().roles().inNamespace(OperatorInstall.NAMESPACE).withName(TOKENS_ROLE).get();
    try {
      // The operator loses its right to delete Secrets (as if an administrator got RBAC wrong).
      ForbiddenCalls.expectFor(leftover);
      setSecretVerbs(tokens, List.of("get", "list", "create", "update"));
      awaitOperatorMay("delete", false);
      keptToken(leftover, taskId);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> events(name).stream().anyMatch(e -> "TokenNotRemoved".equals(e.getReason())));
      Event warning =
          events(name).stream()
              .filter(e -> "TokenNotRemoved".equals(e.getReason()))
              .findFirst()
              .orElseThrow();
      assertThat(warning.getType()).isEqualTo("Warning");
      assertThat(warning.getMessage())
          .contains(OperatorInstall.NAMESPACE + "/" + leftover)
          .contains("trying again");
      assertThat(secret(leftover)).isNotNull();
    } finally {
      setSecretVerbs(tokens, List.of("get", "list", "create", "update", "delete"));
    }
    awaitOperatorMay("delete", true);
    await().atMost(Duration.ofSeconds(20)).until(() -> secret(leftover) == null);
  }

  /** A clone of a new VM by ci-bot (this class's default requester), awaited to success. */
  private VirtualMachineClone succeededClone() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    return awaitPhase(name, ClonePhase.Succeeded);
  }

  /** A Secret of the operator's namespace, or null. */
  private Secret secret(String name) {
    return client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(name).get();
  }

  private void setSecretVerbs(Role role, List<String> verbs) {
    client
        .rbac()
        .roles()
        .inNamespace(OperatorInstall.NAMESPACE)
        .withName(role.getMetadata().getName())
        .edit(
            r -> {
              r.getRules().stream()
                  .filter(rule -> rule.getResources().contains("secrets"))
                  .forEach(rule -> rule.setVerbs(new ArrayList<>(verbs)));
              return r;
            });
  }

  /** Waits until the API server's authorizer says the operator may (or may not) do this. */
  private void awaitOperatorMay(String verb, boolean allowed) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                AccessReviews.operatorMay(
                        client,
                        AccessReviews.attributes()
                            .withNamespace(OperatorInstall.NAMESPACE)
                            .withVerb(verb)
                            .withResource("secrets")
                            .build())
                    == allowed);
  }

  private void keptToken(String name, String taskId) {
    client
        .secrets()
        .inNamespace(OperatorInstall.NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(VmPlatform.TASK_LABEL, taskId)
                .addToLabels(SessionTokens.SESSION_LABEL, "token")
                .endMetadata()
                .addToStringData("token", "not-a-real-token")
                .build())
        .create();
  }

  @Test
  void noTokenOrKeyEverAppearsInTheDatabaseTheClonesTheirEventsOrTheLog() throws IOException {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);
    awaitStep(name, "CopyDisks");
    List<String> tokens = new ArrayList<>();
    tokens.add(preservedToken(created));
    tokens.add(
        ConfigProvider.getConfig().getValue("quarkus.kubernetes-client.token", String.class));
    String taskId = awaitPhase(name, ClonePhase.Succeeded).getStatus().getTaskId();
    // The creation master key, and each attempt's key derived from it and the journal's nonce.
    tokens.add(masterKey());
    TaskJournal journal = journals.load(UUID.fromString(taskId)).orElseThrow();
    for (String action : ActionNames.IN_ORDER) {
      tokens.addAll(creationKeys.keys().ownership(journal, action).keys());
    }
    assertThat(tokens).hasSizeGreaterThan(4);

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

  /** The operator's creation master key, as only an admin may read it (Base64, as stored). */
  private String masterKey() {
    Secret secret =
        client
            .secrets()
            .inNamespace(OperatorInstall.NAMESPACE)
            .withName(
                ConfigProvider.getConfig().getValue("vmclone.ownership.key-secret", String.class))
            .get();
    assertThat(secret).as("the creation key's Secret").isNotNull();
    return secret.getData().get("key");
  }

  /** The token the operator keeps for a ServiceAccount's clone, as only an admin may read it. */
  private String preservedToken(VirtualMachineClone clone) {
    String name = ChildNames.sessionSecretName(clone.getMetadata().getUid());
    Secret secret = client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(name).get();
    assertThat(secret).as("the preserved token's Secret").isNotNull();
    return new String(
        Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.UTF_8);
  }

  /** Whether the API server authenticates the token, for the audiences named (none: its own). */
  private boolean authenticates(String token, String... audiences) {
    TokenReview review =
        client
            .authentication()
            .v1()
            .tokenReviews()
            .create(
                new TokenReviewBuilder()
                    .withNewSpec()
                    .withToken(token)
                    .withAudiences(audiences)
                    .endSpec()
                    .build());
    return Boolean.TRUE.equals(review.getStatus().getAuthenticated());
  }
}
