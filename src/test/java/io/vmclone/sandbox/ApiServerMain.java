package io.vmclone.sandbox;

import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.KubeconfigWriter;
import io.vmclone.sandbox.admission.WebhookAdmission;
import io.vmclone.sandbox.front.ApiFront;
import io.vmclone.sandbox.front.SelfSignedTls;
import io.vmclone.sandbox.identity.PolicyFile;
import io.vmclone.sandbox.identity.SandboxIdentity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The sandbox's API server: the fabric8 mock API server (CRUD mode) for the operators and the
 * simulator, and the {@link ApiFront} for kubectl, both on 127.0.0.1. It stores the CRDs of the
 * given directories, creates namespace {@code default}, applies the sample objects, writes {@code
 * kubeconfig} (kubectl, to the front) and {@code operator-kubeconfig} (fabric8 clients, to the
 * mock, since they watch over WebSockets) into the state directory, prints a line starting with
 * {@value #READY} and runs until it is stopped.
 *
 * <p>With {@code --policy FILE}, identity works as on a cluster (see {@link SandboxIdentity}): the
 * front authenticates kubectl's bearer tokens, the kubeconfig gets one context per user of the
 * policy, and the mock answers SubjectAccessReview, TokenRequest and TokenReview from the file,
 * which is re-read when it changes; the front then serves HTTPS (kubectl sends tokens only over
 * TLS) with a certificate the kubeconfig trusts. With {@code --webhook-url URL} (once per operator
 * replica), the front calls the operator's admission webhooks on writes of VirtualMachineClones.
 *
 * <pre>
 * java -cp ... io.vmclone.sandbox.ApiServerMain --api-port 16080 --mock-port 16081 \
 *     --state-dir .sandbox --crds crds --crds src/test/resources/kubevirt-crds \
 *     --examples examples/vms --policy examples/sandbox/rbac.yaml \
 *     --webhook-url http://127.0.0.1:16090 --webhook-url http://127.0.0.1:16091
 * </pre>
 */
public final class ApiServerMain {

  static final String READY = "sandbox apiserver ready";

  static {
    SandboxLogging.configure();
  }

  private static final Logger LOG = Logger.getLogger(ApiServerMain.class.getName());
  private static final Duration POLICY_POLL = Duration.ofSeconds(1);

  /** What to start; directories that do not exist are skipped with a warning. */
  record Options(
      int apiPort,
      int mockPort,
      Path stateDir,
      List<Path> crdDirs,
      List<Path> exampleDirs,
      Optional<Path> policy,
      List<URI> webhookUrls) {

    static Options parse(String[] args) {
      CommandLine flags =
          CommandLine.parse(
              args,
              Set.of(
                  "api-port",
                  "mock-port",
                  "state-dir",
                  "crds",
                  "examples",
                  "policy",
                  "webhook-url"));
      return new Options(
          flags.integer("api-port", 16080),
          flags.integer("mock-port", 16081),
          Path.of(flags.value("state-dir", ".sandbox")),
          flags.all("crds").stream().map(Path::of).toList(),
          flags.all("examples").stream().map(Path::of).toList(),
          Optional.ofNullable(flags.value("policy", null)).map(Path::of),
          flags.all("webhook-url").stream().map(URI::create).toList());
    }
  }

  private ApiServerMain() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Optional<PolicyFile> policy =
        options.policy().isPresent()
            ? Optional.of(PolicyFile.load(options.policy().get()))
            : Optional.empty();
    if (policy.isPresent() && policy.get().current().kubeconfigContexts().isEmpty()) {
      throw new IllegalArgumentException(
          "the policy " + options.policy().get() + " names no kubeconfig context");
    }
    // kubectl sends tokens only over TLS: with identity, the front serves HTTPS.
    Optional<SelfSignedTls> tls =
        policy.isPresent()
            ? Optional.of(SelfSignedTls.generate(options.stateDir().resolve("tls")))
            : Optional.empty();
    SandboxMockServer mock = SandboxMockServer.start(options.mockPort());
    ApiFront front;
    try {
      seed(ClusterSeeder.forMock(mock.client()), options);
      front = ApiFront.start(frontSettings(options, mock, policy, tls));
    } catch (IOException | RuntimeException failure) {
      mock.close();
      throw failure;
    }
    URI frontUri = front.uri();
    writeKubeconfig(options.stateDir().resolve("kubeconfig"), frontUri, tls, policy);
    KubeconfigWriter.writeForOperator(
        options.stateDir().resolve("operator-kubeconfig"),
        "sandbox-operator",
        mock.baseUri(),
        "default");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  front.close();
                  policy.ifPresent(PolicyFile::close);
                  mock.close();
                  stopped.countDown();
                }));
    System.out.printf("%s: kubectl -> %s, operators -> %s%n", READY, frontUri, mock.baseUri());
    System.out.flush();
    stopped.await();
  }

  private static ApiFront.Settings frontSettings(
      Options options,
      SandboxMockServer mock,
      Optional<PolicyFile> policy,
      Optional<SelfSignedTls> tls) {
    ApiFront.Settings settings =
        ApiFront.Settings.of(options.apiPort(), mock.baseUri(), mock.client());
    if (policy.isPresent()) {
      SandboxIdentity identity = SandboxIdentity.install(mock, policy.get(), Clock.systemUTC());
      policy.get().pollEvery(POLICY_POLL);
      settings = settings.withIdentity(identity.front(tls.orElseThrow()));
      LOG.info("identity from " + policy.get().path() + " (re-read when it changes)");
    } else {
      LOG.warning("no --policy: kubectl gets in without credentials, as system:anonymous");
    }
    if (options.webhookUrls().isEmpty()) {
      LOG.warning(
          "no --webhook-url: clones are stored without admission (no requester annotation)");
      return settings;
    }
    LOG.info("admission webhooks of the operator replicas at " + options.webhookUrls());
    MockStore store = mock.store();
    return settings.withHooks(List.of(WebhookAdmission.of(options.webhookUrls(), store::get)));
  }

  private static void writeKubeconfig(
      Path file, URI frontUri, Optional<SelfSignedTls> tls, Optional<PolicyFile> policy)
      throws IOException {
    if (policy.isEmpty()) {
      KubeconfigWriter.write(file, "sandbox", frontUri, "default");
    } else {
      KubeconfigWriter.write(
          file,
          new KubeconfigWriter.Cluster("sandbox", frontUri, tls.map(SelfSignedTls::certificatePem)),
          "default",
          policy.get().current().kubeconfigContexts());
    }
  }

  private static void seed(ClusterSeeder seeder, Options options) throws IOException {
    for (Path directory : options.crdDirs()) {
      if (Files.isDirectory(directory)) {
        LOG.info("stored CRDs from " + directory + ": " + seeder.storeCrds(directory));
      } else {
        LOG.warning("no CRD directory " + directory + "; skipped");
      }
    }
    seeder.ensureNamespace("default");
    for (Path directory : options.exampleDirs()) {
      if (Files.isDirectory(directory)) {
        LOG.info("applied " + directory + ": " + seeder.apply(directory));
      } else {
        LOG.warning("no examples directory " + directory + "; skipped");
      }
    }
  }
}
