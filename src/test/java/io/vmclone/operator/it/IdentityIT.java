package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.TestIdentityApis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Who asked for a clone: captured, checked before anything happens, preserved, revived, used. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, https = false, setup = ClusterSetup.class)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class IdentityIT extends MockBackedIT {

  private static final RequesterIdentity ALICE =
      new RequesterIdentity("alice", "a11ce", List.of("developers", "system:authenticated"));

  private static final RequesterIdentity BOB =
      new RequesterIdentity("bob", "b0b", List.of("contractors", "system:authenticated"));

  @KubernetesTestServer KubernetesServer mockServer;

  @Test
  void aCloneWithoutARequesterFailsClosedAndTouchesNothing() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs(null, name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("RequesterUnknown");
    assertNothingLeftBehind(clone.getStatus().getTaskId(), source);
    assertThat(journal(clone.getStatus().getTaskId())).containsExactly("Reject ABORTED");
  }

  @Test
  void aRequesterWithoutARightFailsForbiddenBeforeAnySideEffect() {
    TestIdentityApis.deny("bob", "create", "datavolumes");
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs(BOB, name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);

    assertThat(reason(clone, "Ready")).isEqualTo("Forbidden");
    assertThat(message(clone, "Ready"))
        .contains("user bob may not create datavolumes", "in namespace default");
    String taskId = clone.getStatus().getTaskId();
    assertThat(journal(taskId)).doesNotContain("FlagEntities STARTED");
    assertNothingLeftBehind(taskId, source);
  }

  @Test
  void aPersonsCloneIsCreatedByTheOperatorAfterTheirRightsWereChecked() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createCloneAs(ALICE, name, source, spec -> {});

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getUsername()).isEqualTo("alice");
    assertThat(clone.getStatus().getRequester().getServiceAccount()).isNull();
    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Operator");
    assertThat(journal(clone.getStatus().getTaskId())).contains("Authorize DONE");
  }

  @Test
  void theTargetIsCreatedWithTheRequestersPreservedTokenWhichGoesWithTheClone() throws Exception {
    drainRequests();
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getUsername()).isEqualTo(CI_BOT.username());
    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Token");
    assertThat(clone.getStatus().getRequester().getServiceAccount()).isEqualTo("default/ci-bot");
    List<RecordedRequest> creates =
        drainRequests().stream()
            .filter(r -> "POST".equals(r.getMethod()))
            .filter(
                r ->
                    r.getPath()
                        .startsWith("/apis/kubevirt.io/v1/namespaces/default/virtualmachines"))
            .filter(r -> !bearer(r).isEmpty())
            .toList();
    assertThat(creates)
        .singleElement()
        .satisfies(r -> assertThat(TestIdentityApis.issuedTokens()).contains(bearer(r)));
    String secret = ChildNames.sessionSecretName(created.getMetadata().getUid());
    assertThat(client.secrets().inNamespace(NAMESPACE).withName(secret).get())
        .as("the token's Secret is gone once the clone is done")
        .isNull();
  }

  @Test
  void aTokenRevokedWhileTheOperatorWasDownFailsTheRecoveredCloneAndUndoesIt() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();

    TestIdentityApis.revokeTokens();
    interrupt(taskId);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Failed);
    assertThat(reason(clone, "Ready")).isEqualTo("IdentityRevoked");
    assertThat(message(clone, "Ready")).contains("no longer authenticates");
    assertNothingLeftBehind(taskId, source);
  }

  @Test
  void noTokenEverAppearsInTheDatabaseTheClonesTheirEventsOrTheLog() throws IOException {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
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
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(c -> places.add(client.getKubernetesSerialization().asJson(c)));
    client
        .v1()
        .events()
        .inNamespace(NAMESPACE)
        .list()
        .getItems()
        .forEach(e -> places.add(e.getMessage()));
    places.add(Files.readString(Path.of("target/quarkus-test.log")));

    assertThat(TestIdentityApis.issuedTokens()).isNotEmpty();
    for (String token : TestIdentityApis.issuedTokens()) {
      assertThat(places).noneMatch(place -> place.contains(token));
    }
  }

  private List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = mockServer.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS))
        != null) {
      requests.add(request);
    }
    return requests;
  }

  private static String bearer(RecordedRequest request) {
    String header = request.getHeader("Authorization");
    return header == null ? "" : header.replaceFirst("^Bearer ", "");
  }
}
