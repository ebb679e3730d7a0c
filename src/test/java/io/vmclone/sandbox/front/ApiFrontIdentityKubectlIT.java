package io.vmclone.sandbox.front;

import static io.vmclone.sandbox.front.FrontFixture.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.sandbox.admission.StubWebhook;
import io.vmclone.sandbox.identity.PolicyFile;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl against the front as the sandbox runs it with the example policy and the webhooks (a stub
 * plays the operator's): who kubectl is depends on the context, and clone writes are admitted as on
 * a real API server. Skipped, with a message, where kubectl is not installed.
 */
@Timeout(120)
class ApiFrontIdentityKubectlIT {

  private static final String ALICE_TOKEN = "sandbox-token-alice";

  @TempDir static Path policyDir;
  private static PolicyFile policy;
  private static StubWebhook operator;
  private static FrontFixture cluster;

  @TempDir Path home;
  private Path kubeconfig;

  @BeforeAll
  static void start() throws IOException {
    Path file = policyDir.resolve("rbac.yaml");
    Files.copy(Path.of("examples/sandbox/rbac.yaml"), file);
    policy = PolicyFile.load(file);
    operator = StubWebhook.start();
    cluster = FrontFixture.startWithIdentity(policy, List.of(operator.uri()));
  }

  @AfterAll
  static void stop() {
    cluster.close();
    operator.close();
    policy.close();
  }

  @BeforeEach
  void kubeconfig() throws IOException {
    kubeconfig = home.resolve("kubeconfig");
    KubeconfigWriter.write(
        kubeconfig, clusterEntry(), "default", policy.current().kubeconfigContexts());
  }

  @Test
  void applyAsAliceStampsTheRequesterThroughTheWebhook() throws Exception {
    Kubectl kubectl = kubectl();

    Kubectl.Result created =
        kubectl.runWithInput(clone("by-alice", "default"), "apply", "--validate=false", "-f", "-");

    assertThat(created.out())
        .as(created.err())
        .contains("virtualmachineclone.vmclone.io/by-alice created");
    assertThat(requester("by-alice"))
        .hasValueSatisfying(
            who -> {
              assertThat(who.username()).isEqualTo("alice");
              assertThat(who.groups()).containsExactly("developers", "system:authenticated");
            });
  }

  @Test
  void aDeniedCreateShowsTheApiServersWording() throws Exception {
    Kubectl.Result denied =
        kubectl()
            .runWithInput(
                clone("into-restricted", "restricted"), "apply", "--validate=false", "-f", "-");

    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.err())
        .contains("Error from server (Forbidden)")
        .contains(
            "admission webhook \"clone.vmclone.io\" denied the request: user alice may not create"
                + " virtualmachines.kubevirt.io in namespace restricted");
    assertThat(cluster.clones().inNamespace("default").withName("into-restricted").get()).isNull();
  }

  @Test
  void theCiBotContextActsAsItsServiceAccount() throws Exception {
    Kubectl kubectl = kubectl();

    Kubectl.Result created =
        kubectl.runWithInput(
            clone("by-ci-bot", "default"),
            "--context",
            "ci-bot",
            "apply",
            "--validate=false",
            "-f",
            "-");
    Kubectl.Result listed = kubectl.run("--context", "ci-bot", "get", "vmclones", "by-ci-bot");

    assertThat(created.out()).as(created.err()).contains("by-ci-bot created");
    assertThat(listed.out()).contains("by-ci-bot");
    assertThat(requester("by-ci-bot").map(RequesterIdentity::username))
        .hasValue("system:serviceaccount:default:ci-bot");
    String saUid =
        cluster
            .mockClient()
            .serviceAccounts()
            .inNamespace("default")
            .withName("ci-bot")
            .get()
            .getMetadata()
            .getUid();
    assertThat(requester("by-ci-bot").map(RequesterIdentity::uid)).hasValue(saUid);
  }

  @Test
  void reapplyingAndJsonPatchingAreUpdatesThroughTheWebhooks() throws Exception {
    Kubectl kubectl = kubectl();
    kubectl.runWithInput(clone("updated", "default"), "apply", "--validate=false", "-f", "-");
    int before = operator.received().size();

    Kubectl.Result configured =
        kubectl.runWithInput(
            clone("updated", "default").replace("fedora", "cirros"),
            "apply",
            "--validate=false",
            "-f",
            "-");
    Kubectl.Result patched =
        kubectl.run(
            "patch",
            "vmc",
            "updated",
            "--type=json",
            "-p",
            "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"team\":\"a\"}}]");

    assertThat(configured.out()).as(configured.err()).contains("updated configured");
    assertThat(patched.out()).as(patched.err()).contains("updated patched");
    List<StubWebhook.Received> updates =
        operator.received().subList(before, operator.received().size());
    assertThat(updates)
        .as("updates go to the validating webhook only")
        .extracting(StubWebhook.Received::path)
        .containsExactly("/admission/validate-clone", "/admission/validate-clone");
    assertThat(updates)
        .allSatisfy(
            call -> assertThat(call.request().path("operation").asText()).isEqualTo("UPDATE"));
    assertThat(
            updates
                .get(0)
                .request()
                .path("oldObject")
                .path("spec")
                .path("source")
                .path("name")
                .asText())
        .isEqualTo("fedora");
    assertThat(
            updates
                .get(0)
                .request()
                .path("object")
                .path("spec")
                .path("source")
                .path("name")
                .asText())
        .isEqualTo("cirros");
    assertThat(requester("updated").map(RequesterIdentity::username)).hasValue("alice");
    assertThat(
            cluster
                .clones()
                .inNamespace("default")
                .withName("updated")
                .get()
                .getMetadata()
                .getLabels())
        .containsEntry("team", "a");
  }

  @Test
  void whoamiAndCanIAnswerForTheContextsUser() throws Exception {
    Kubectl kubectl = kubectl();

    Kubectl.Result alice = kubectl.run("auth", "whoami");
    Kubectl.Result ciBot = kubectl.run("--context", "ci-bot", "auth", "whoami");
    Kubectl.Result inDefault =
        kubectl.run("auth", "can-i", "create", "virtualmachines.kubevirt.io");
    Kubectl.Result inRestricted =
        kubectl.run(
            "--context",
            "ci-bot",
            "auth",
            "can-i",
            "create",
            "virtualmachines.kubevirt.io",
            "-n",
            "restricted");

    assertThat(alice.out())
        .as(alice.err())
        .containsPattern("Username\\s+alice")
        .contains("developers");
    assertThat(ciBot.out()).containsPattern("Username\\s+system:serviceaccount:default:ci-bot");
    assertThat(inDefault.out()).as(inDefault.err()).isEqualTo("yes\n");
    assertThat(inRestricted.out()).isEqualTo("no - no rule of the sandbox policy grants it\n");
    assertThat(inRestricted.exitCode()).isEqualTo(1);
  }

  @Test
  void anUnknownTokenIsUnauthorized() throws Exception {
    Path stranger = home.resolve("stranger");
    KubeconfigWriter.write(
        stranger,
        clusterEntry(),
        "default",
        List.of(new KubeconfigWriter.Context("x", "not-a-token")));

    Kubectl.Result result = new Kubectl(stranger, home.resolve("cache-x")).run("get", "vmclones");

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("error: You must be logged in to the server");
  }

  @Test
  void aRequestWithoutATokenGetsTheStatusOfA401() throws Exception {
    HttpResponse<String> anonymous = send(Optional.empty());
    HttpResponse<String> alice = send(Optional.of(ALICE_TOKEN));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    JsonNode status = MAPPER.readTree(anonymous.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("Unauthorized");
    assertThat(alice.statusCode()).isEqualTo(200);
  }

  private static KubeconfigWriter.Cluster clusterEntry() {
    return new KubeconfigWriter.Cluster(
        "sandbox", cluster.uri(), cluster.tls().map(SelfSignedTls::certificatePem));
  }

  private Kubectl kubectl() {
    assumeTrue(Kubectl.installed(), "kubectl is not installed at " + Kubectl.BINARY + "; skipped");
    return new Kubectl(kubeconfig, home.resolve("cache"));
  }

  private static HttpResponse<String> send(Optional<String> token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri(FrontFixture.CLONES));
    token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
    HttpClient client =
        HttpClient.newBuilder().sslContext(cluster.tls().orElseThrow().clientContext()).build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Optional<RequesterIdentity> requester(String clone) {
    Map<String, String> annotations =
        cluster
            .clones()
            .inNamespace("default")
            .withName(clone)
            .get()
            .getMetadata()
            .getAnnotations();
    return RequesterAnnotation.read(annotations);
  }

  private static String clone(String name, String targetNamespace) {
    return "apiVersion: vmclone.io/v1alpha1\nkind: VirtualMachineClone\n"
        + "metadata: {name: "
        + name
        + "}\n"
        + "spec:\n  source: {kind: VirtualMachine, name: fedora}\n"
        + "  target: {namespace: "
        + targetNamespace
        + "}\n";
  }
}
