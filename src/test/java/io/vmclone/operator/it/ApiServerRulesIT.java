package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.CloneTarget;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.ProxiedPostgresResource;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the API server itself does to clones, which no mock did: the CRD's CEL rule, pruning of
 * fields the schema does not declare, garbage collection of what a clone owns. The operator must
 * live with each of them. The journal's database is reached through a proxy a test can cut.
 */
@QuarkusTest
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
class ApiServerRulesIT extends OperatorIT {

  static final ResourceDefinitionContext CLONE =
      new ResourceDefinitionContext.Builder()
          .withGroup("vmclone.io")
          .withVersion("v1alpha1")
          .withPlural("virtualmachineclones")
          .withKind("VirtualMachineClone")
          .withNamespaced(true)
          .build();

  @Test
  void theApiServerItselfRefusesASpecChangeWithNoWebhookInTheWay() {
    String bare = TestControlPlane.newNamespace("no-webhooks");
    assertThat(WebhookCoverage.configurationsCovering(client, bare)).isEmpty();
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName("frozen");
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "web", null));
    clone.setSpec(spec);
    VirtualMachineClone created =
        client.resources(VirtualMachineClone.class).inNamespace(bare).resource(clone).create();
    assertThat(RequesterAnnotation.read(created.getMetadata().getAnnotations()))
        .as("no webhook saw it")
        .isEmpty();

    assertThatThrownBy(
            () ->
                client
                    .resources(VirtualMachineClone.class)
                    .inNamespace(bare)
                    .withName("frozen")
                    .edit(
                        changed -> {
                          changed.getSpec().setTarget(new CloneTarget("elsewhere", null));
                          return changed;
                        }))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
              assertThat(e.getStatus().getMessage())
                  .contains("spec: Invalid value")
                  .contains("spec is immutable once the clone exists");
            });
    assertThat(
            client
                .resources(VirtualMachineClone.class)
                .inNamespace(bare)
                .withName("frozen")
                .get()
                .getSpec()
                .getTarget())
        .isNull();
  }

  @Test
  void kubeVirtsTypedReferencesAreAcceptedAndAWrongGroupOrKindIsRefusedNamingTheField() {
    String bare = TestControlPlane.newNamespace("typed-refs");
    VirtualMachineCloneSpec typed = new VirtualMachineCloneSpec();
    typed.setSource(new CloneSource(SourceKind.VirtualMachine, "web", null));
    typed.getSource().setApiGroup("kubevirt.io");
    CloneTarget target = new CloneTarget("web-copy", null);
    target.setApiGroup("kubevirt.io");
    target.setKind("VirtualMachine");
    typed.setTarget(target);
    VirtualMachineClone accepted = createIn(bare, "typed", typed);
    assertThat(accepted.getSpec().getTarget().getKind()).isEqualTo("VirtualMachine");
    assertThat(accepted.getSpec().getSource().getApiGroup()).isEqualTo("kubevirt.io");

    typed.getSource().setApiGroup("snapshot.kubevirt.io");
    target.setKind("Pod");
    assertThatThrownBy(() -> createIn(bare, "mistyped", typed))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getStatus().getMessage())
                  .contains("spec.source: Invalid value")
                  .contains("apiGroup must be kubevirt.io for a VirtualMachine")
                  .contains("spec.target.kind: Invalid value")
                  .contains("must be VirtualMachine");
            });
  }

  private VirtualMachineClone createIn(String ns, String name, VirtualMachineCloneSpec spec) {
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName(name);
    clone.setSpec(spec);
    return client.resources(VirtualMachineClone.class).inNamespace(ns).resource(clone).create();
  }

  @Test
  void fieldsTheCrdDoesNotDeclareArePrunedAndTheCloneStillRuns() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    String json =
        """
        {"apiVersion": "vmclone.io/v1alpha1", "kind": "VirtualMachineClone",
         "metadata": {"name": "%s"},
         "spec": {"source": {"kind": "VirtualMachine", "name": "%s", "colour": "blue"},
                  "speed": "ludicrous"},
         "status": {"phase": "Succeeded"}}
        """
            .formatted(name, source);
    try (KubernetesClient ciBot = Requesters.clientAs(CI_BOT, namespace)) {
      ciBot
          .genericKubernetesResources(CLONE)
          .inNamespace(namespace)
          .resource(
              client.getKubernetesSerialization().unmarshal(json, GenericKubernetesResource.class))
          .create();
    }

    JsonNode stored =
        json(client.genericKubernetesResources(CLONE).inNamespace(namespace).withName(name).get());
    assertThat(stored.at("/spec/speed").isMissingNode()).isTrue();
    assertThat(stored.at("/spec/source/colour").isMissingNode()).isTrue();
    assertThat(stored.at("/spec/source/name").asText()).isEqualTo(source);
    assertThat(stored.at("/status/phase").asText())
        .as("the status subresource ignores a status sent with the object")
        .isNotEqualTo("Succeeded");

    awaitPhase(name, ClonePhase.Succeeded);
  }

  @Test
  void everyStatusFieldTheOperatorWritesSurvivesTheRoundTrip() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    VirtualMachineClone done = awaitPhase(name, ClonePhase.Succeeded);

    JsonNode stored =
        json(client.genericKubernetesResources(CLONE).inNamespace(namespace).withName(name).get());

    new StatusRoundTrip(this, source).assertKeptEverything(done, stored);
  }

  @Test
  void aCloneDeletedInTheForegroundWaitsForTheOperatorWhichRemovesItsPreservedToken() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    VirtualMachineClone created = createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();
    String secretName = ChildNames.sessionSecretName(created.getMetadata().getUid());
    Secret secret =
        client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(secretName).get();
    assertThat(secret).as("the token is kept in the operator's namespace").isNotNull();
    assertThat(secret.getMetadata().getOwnerReferences())
        .as("an owner in another namespace would be no owner at all")
        .isNullOrEmpty();

    // Without its journal the operator does nothing, cleanup included; the garbage collector
    // finds no dependents, drops foregroundDeletion and leaves the clone to the operator.
    ProxiedPostgresResource.proxy().cut();
    try {
      client
          .resources(VirtualMachineClone.class)
          .inNamespace(namespace)
          .withName(name)
          .withPropagationPolicy(DeletionPropagation.FOREGROUND)
          .delete();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  clone(name).isMarkedForDeletion()
                      && finalizers(clone(name))
                          .equals(List.of("virtualmachineclones.vmclone.io/finalizer")));
      assertThat(client.secrets().inNamespace(OperatorInstall.NAMESPACE).withName(secretName).get())
          .as("nobody but the operator removes the token")
          .isNotNull();
    } finally {
      ProxiedPostgresResource.proxy().restore();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> clone(name) == null);
    assertThat(
            audited(
                e ->
                    "delete".equals(e.verb())
                        && "secrets".equals(e.resource())
                        && OperatorInstall.NAMESPACE.equals(e.namespace())
                        && secretName.equals(e.name())
                        && e.code() == 200))
        .singleElement()
        .satisfies(e -> assertThat(e.user()).isEqualTo(OperatorInstall.USER));
    assertThat(taskState(taskId)).isEqualTo("ERROR/ABORTED");
    assertNothingLeftBehind(taskId, source);
  }
}
