package io.vmclone.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vmclone.controlplane.Binaries;
import io.vmclone.controlplane.FreePorts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ControlPlaneMain as {@code scripts/sandbox up} runs it, a process of its own, with the
 * repository's RBAC manifest and no operator replica: what it installs, the kubeconfigs'
 * identities, the webhooks it registers, and that SIGTERM leaves no server behind.
 * (scripts/sandbox-smoke goes on from here with the operators.)
 */
@Timeout(240)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneMainIT {

  private Path state;
  private final int webhookPort = FreePorts.next();
  private Binaries binaries;
  private Process main;
  private KubernetesClient admin;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    state = folder;
    binaries = Binaries.locate();
    Path log = state.resolve("controlplane.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ControlPlaneMain.class.getName(),
                "--api-port",
                Integer.toString(FreePorts.next()),
                "--state-dir",
                state.toString(),
                "--repository",
                Binaries.repositoryRoot().toString(),
                "--webhook-port",
                Integer.toString(webhookPort),
                "--replica-https-port",
                Integer.toString(FreePorts.next()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put(Binaries.OVERRIDE, binaries.folder().toString());
    main = builder.start();
    while (!Files.readString(log).contains(ControlPlaneMain.READY)) {
      assertThat(main.isAlive()).as("ControlPlaneMain died:\n" + Files.readString(log)).isTrue();
      Thread.sleep(200);
    }
    admin = client("admin");
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (admin != null) {
      admin.close();
    }
    if (main != null && main.isAlive()) {
      main.destroyForcibly().waitFor();
    }
  }

  @Test
  void theKubeconfigContextsAreAliceCiBotAndTheAdmin() throws Exception {
    assertThat(kubectl("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}").output())
        .isEqualTo("alice");
    assertThat(whoAmI("ci-bot")).isEqualTo("system:serviceaccount:default:ci-bot");
    assertThat(whoAmI("admin")).isEqualTo("admin");
    assertThat(kubectl("--token", "not-a-sandbox-token", "get", "vms").output())
        .contains("Unauthorized");
    try (KubernetesClient operator = client("operator-kubeconfig", null);
        KubernetesClient simulator = client("simulator-kubeconfig", null)) {
      assertThat(operator.getConfiguration().getNamespace()).isEqualTo("vmclone-system");
      // the chart's Role: leases in its namespace (none yet, no replica runs), by name only
      assertThat(operator.leases().inNamespace("vmclone-system").withName("vmclone-operator").get())
          .isNull();
      assertThat(simulator.apiextensions().v1().customResourceDefinitions().list().getItems())
          .isNotEmpty();
    }
  }

  @Test
  void theRbacManifestLetsAliceAndCiBotCloneInDefaultOnly() throws Exception {
    assertThat(canI("sandbox", "create", "virtualmachineclones", "default")).isEqualTo("yes");
    assertThat(canI("sandbox", "create", "virtualmachineclones", "restricted")).isEqualTo("no");
    assertThat(canI("ci-bot", "create", "virtualmachineclones", "default")).isEqualTo("yes");
    assertThat(canI("ci-bot", "create", "datavolumes", "restricted")).isEqualTo("no");
    assertThat(canI("sandbox", "list", "events", "default")).isEqualTo("yes");
    assertThat(canI("sandbox", "get", "leases", "vmclone-system")).isEqualTo("no");
  }

  @Test
  void theSampleVmsAndTheServedSchemasAreThere() throws Exception {
    assertThat(kubectl("get", "vms", "-o", "name").output())
        .contains("virtualmachine.kubevirt.io/fedora", "virtualmachine.kubevirt.io/cirros");
    // kubectl reads the CRD's schema from the server's OpenAPI: apply needs no --validate=false.
    assertThat(kubectl("explain", "virtualmachineclone.spec.source").output()).contains("FIELDS");
  }

  @Test
  void theWebhooksCallTheServiceForEveryNamespaceWithACertificateOfTheClusterCa() throws Exception {
    String base = "https://127.0.0.1:" + webhookPort + "/admission/";
    MutatingWebhook mutating =
        admin
            .admissionRegistration()
            .v1()
            .mutatingWebhookConfigurations()
            .withName("vmclone-operator")
            .get()
            .getWebhooks()
            .get(0);
    ValidatingWebhook validating =
        admin
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withName("vmclone-operator")
            .get()
            .getWebhooks()
            .get(0);
    assertThat(mutating.getClientConfig().getUrl()).isEqualTo(base + "mutate-clone");
    assertThat(validating.getClientConfig().getUrl()).isEqualTo(base + "validate-clone");
    // The API server defaults a missing selector to {}: every namespace.
    assertThat(List.of(mutating.getNamespaceSelector(), validating.getNamespaceSelector()))
        .allSatisfy(
            selector -> {
              assertThat(selector.getMatchLabels()).isEmpty();
              assertThat(selector.getMatchExpressions()).isEmpty();
            });

    X509Certificate ca = certificate(decode(mutating.getClientConfig().getCaBundle()));
    X509Certificate serving = certificate(Files.readString(state.resolve("webhook-tls/tls.crt")));
    serving.verify(ca.getPublicKey());
    assertThat(serving.getSubjectAlternativeNames()).anyMatch(name -> name.contains("127.0.0.1"));

    // No replica behind the Service: the API server calls it and, failurePolicy Fail, refuses.
    Result apply =
        kubectl("apply", "-f", Binaries.repositoryRoot().resolve("examples/clone.yaml").toString());
    assertThat(apply.exit()).isNotZero();
    assertThat(apply.output()).contains("failed calling webhook \"requester.vmclone.io\"");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void sigtermStopsEveryServerAndKeepsTheLogs() throws Exception {
    List<ProcessHandle> servers = main.descendants().toList();
    assertThat(servers)
        .extracting(p -> p.info().commandLine().orElse(""))
        .anyMatch(line -> line.contains("kube-apiserver"))
        .anyMatch(line -> line.contains("etcd"));

    main.destroy();

    assertThat(main.waitFor(60, TimeUnit.SECONDS)).as("ControlPlaneMain stops").isTrue();
    for (ProcessHandle server : servers) {
      server.onExit().get(15, TimeUnit.SECONDS);
    }
    assertThat(state.resolve("control-plane/logs/kube-apiserver.log")).isNotEmptyFile();
    assertThat(state.resolve("control-plane/etcd")).doesNotExist();
  }

  private record Result(int exit, String output) {}

  private Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binaries.kubectl().toString());
    command.add("--kubeconfig=" + state.resolve("kubeconfig"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output.strip());
  }

  private String whoAmI(String context) throws IOException, InterruptedException {
    return kubectl(
            "--context", context, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username}")
        .output();
  }

  /** kubectl auth can-i's answer, yes or no. */
  private String canI(String context, String verb, String resource, String namespace)
      throws IOException, InterruptedException {
    return kubectl("--context", context, "auth", "can-i", verb, resource, "-n", namespace).output();
  }

  private KubernetesClient client(String context) throws IOException {
    return client("kubeconfig", context);
  }

  private KubernetesClient client(String file, String context) throws IOException {
    Path kubeconfig = state.resolve(file);
    Config config =
        Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  private static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
