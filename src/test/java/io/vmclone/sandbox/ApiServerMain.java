package io.vmclone.sandbox;

import io.vmclone.sandbox.front.ApiFront;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * <pre>
 * java -cp ... io.vmclone.sandbox.ApiServerMain --api-port 16080 --mock-port 16081 \
 *     --state-dir .sandbox --crds crds --crds src/test/resources/kubevirt-crds --examples examples/vms
 * </pre>
 */
public final class ApiServerMain {

  static final String READY = "sandbox apiserver ready";

  static {
    SandboxLogging.configure();
  }

  private static final Logger LOG = Logger.getLogger(ApiServerMain.class.getName());

  /** What to start; directories that do not exist are skipped with a warning. */
  record Options(
      int apiPort, int mockPort, Path stateDir, List<Path> crdDirs, List<Path> exampleDirs) {

    static Options parse(String[] args) {
      CommandLine flags =
          CommandLine.parse(args, Set.of("api-port", "mock-port", "state-dir", "crds", "examples"));
      return new Options(
          flags.integer("api-port", 16080),
          flags.integer("mock-port", 16081),
          Path.of(flags.value("state-dir", ".sandbox")),
          flags.all("crds").stream().map(Path::of).toList(),
          flags.all("examples").stream().map(Path::of).toList());
    }
  }

  private ApiServerMain() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    SandboxMockServer mock = SandboxMockServer.start(options.mockPort());
    ApiFront front;
    try {
      seed(new ClusterSeeder(mock.client()), options);
      front =
          ApiFront.start(ApiFront.Settings.of(options.apiPort(), mock.baseUri(), mock.client()));
    } catch (IOException | RuntimeException failure) {
      mock.close();
      throw failure;
    }
    URI frontUri = URI.create("http://127.0.0.1:" + front.port());
    KubeconfigWriter.write(
        options.stateDir().resolve("kubeconfig"), "sandbox", frontUri, "default");
    KubeconfigWriter.write(
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
                  mock.close();
                  stopped.countDown();
                }));
    System.out.printf("%s: kubectl -> %s, operators -> %s%n", READY, frontUri, mock.baseUri());
    System.out.flush();
    stopped.await();
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
