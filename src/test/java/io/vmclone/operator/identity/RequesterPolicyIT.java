package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's requester policy ({@code k8s/requester-policy.yaml}) on the real API server, with no
 * webhook in the way: whoever writes the requester annotations, the API server stores a clone only
 * if they are the userInfo of the request that creates it, and never lets them change.
 */
class RequesterPolicyIT {

  private static String namespace;
  private static KubernetesClient alice;
  private static KubernetesClient ciBot;

  @BeforeAll
  static void requesters() {
    TestControlPlane.installOperatorRbac();
    namespace = TestControlPlane.newNamespace("requester-policy");
    Requesters.grant(namespace, List.of("alice", Requesters.CI_BOT));
    alice = Requesters.clientAs("alice", namespace);
    ciBot = Requesters.clientAs(Requesters.CI_BOT, namespace);
  }

  @AfterAll
  static void close() {
    alice.close();
    ciBot.close();
    TestControlPlane.admin().namespaces().withName(namespace).delete();
  }

  @Test
  void aClientThatClaimsToBeSomeoneElseIsDenied() {
    Map<String, String> asCiBot = RequesterAnnotation.of(whoAmI(ciBot)).orElseThrow();

    assertDenied(
        () -> create(alice, "forged", asCiBot),
        "the annotation vmclone.io/requester must be the username, uid and groups of the user who"
            + " creates the clone");
  }

  @Test
  void anExtraGroupIsDenied() {
    RequesterIdentity me = whoAmI(alice);
    RequesterIdentity promoted =
        new RequesterIdentity(
            me.username(), me.uid(), concat(me.groups(), "system:masters"), me.extra());

    assertDenied(
        () -> create(alice, "promoted", RequesterAnnotation.of(promoted).orElseThrow()),
        "vmclone.io/requester must be");
  }

  @Test
  void forgedOrMissingExtraAttributesAreDenied() {
    RequesterIdentity me = whoAmI(ciBot);
    assertThat(me.extra())
        .as("a TokenRequest token carries its credential id as an extra attribute")
        .isNotEmpty();
    Map<String, String> withoutExtra = new HashMap<>(RequesterAnnotation.of(me).orElseThrow());
    withoutExtra.remove(RequesterAnnotation.EXTRA_KEY);
    Map<String, List<String>> forgedExtra = new HashMap<>(me.extra());
    forgedExtra.put("authentication.kubernetes.io/pod-name", List.of("someone-elses-pod"));
    RequesterIdentity forged =
        new RequesterIdentity(me.username(), me.uid(), me.groups(), forgedExtra);

    assertDenied(() -> create(ciBot, "no-extra", withoutExtra), "requester-extra must be");
    assertDenied(
        () -> create(ciBot, "forged-extra", RequesterAnnotation.of(forged).orElseThrow()),
        "requester-extra must be");
  }

  @Test
  void theTrueRequesterIsAdmittedAndCannotBeChangedOrRemovedLater() {
    Map<String, String> truth = RequesterAnnotation.of(whoAmI(ciBot)).orElseThrow();
    VirtualMachineClone created = create(ciBot, "honest", truth);
    assertThat(RequesterAnnotation.read(created.getMetadata().getAnnotations()))
        .contains(whoAmI(ciBot));

    assertDenied(
        () ->
            TestControlPlane.admin()
                .resources(VirtualMachineClone.class)
                .inNamespace(namespace)
                .withName("honest")
                .edit(
                    clone -> {
                      clone.getMetadata().getAnnotations().remove(RequesterAnnotation.KEY);
                      clone.getMetadata().getAnnotations().remove(RequesterAnnotation.EXTRA_KEY);
                      return clone;
                    }),
        "cannot change");
  }

  @Test
  void aCloneWithoutRequesterIsAdmittedForTheOperatorToFailClosed() {
    VirtualMachineClone created = create(alice, "unstamped", Map.of());

    assertThat(RequesterAnnotation.read(created.getMetadata().getAnnotations())).isEmpty();
  }

  private static RequesterIdentity whoAmI(KubernetesClient client) {
    UserInfo info =
        client
            .authentication()
            .v1()
            .selfSubjectReviews()
            .create(new SelfSubjectReview())
            .getStatus()
            .getUserInfo();
    return new RequesterIdentity(
        info.getUsername(), info.getUid(), info.getGroups(), info.getExtra());
  }

  private static VirtualMachineClone create(
      KubernetesClient client, String name, Map<String, String> annotations) {
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName(name);
    clone.getMetadata().setAnnotations(new HashMap<>(annotations));
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "web", null));
    clone.setSpec(spec);
    return client
        .resources(VirtualMachineClone.class)
        .inNamespace(namespace)
        .resource(clone)
        .create();
  }

  private static void assertDenied(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(403);
              assertThat(e.getMessage()).contains("vmclone-operator-requester").contains(message);
            });
  }

  private static List<String> concat(List<String> list, String element) {
    List<String> all = new ArrayList<>(list);
    all.add(element);
    return all;
  }
}
