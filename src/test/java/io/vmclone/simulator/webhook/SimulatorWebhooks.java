package io.vmclone.simulator.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.FreePorts;
import io.vmclone.controlplane.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The two admission rules of KubeVirt and CDI that a clone meets, as real webhooks the API server
 * calls over HTTPS: CDI's authorization of a DataVolume cloning from another namespace ({@link
 * CloneSourceRule}) and KubeVirt's refusal of a VM with both {@code running} and {@code
 * runStrategy} ({@link RunStrategyRule}).
 *
 * <p>{@link #start} serves them on 127.0.0.1; {@link #register} makes the API server call them (one
 * ValidatingWebhookConfiguration, failure policy Fail as KubeVirt and CDI install theirs),
 * optionally only for namespaces a label selector picks, so that tests sharing one API server can
 * keep them to their own namespaces; {@link #close} removes the configuration and stops serving. A
 * configuration takes the API server a moment to pick up: {@link #awaitEffective} waits for it.
 */
public final class SimulatorWebhooks implements AutoCloseable {

  /** A namespace label tests can select on (any value), e.g. with their simulator's name. */
  public static final String NAMESPACE_LABEL = "kubevirt-simulator.vmclone.io/webhooks";

  private final HttpsServer server;
  private final ExecutorService executor;
  private final String caPem;
  private KubernetesClient registeredWith;
  private String registeredName;

  private SimulatorWebhooks(HttpsServer server, ExecutorService executor, String caPem) {
    this.server = server;
    this.executor = executor;
    this.caPem = caPem;
  }

  /**
   * Serves the rules on 127.0.0.1.
   *
   * @param serving a certificate for 127.0.0.1 and its key
   * @param caPem the CA that signed it, for the configuration's caBundle
   * @param port the port; 0 for a free one
   * @param reviewer a client allowed to create SubjectAccessReviews (CDI asks as itself)
   */
  public static SimulatorWebhooks start(
      Pki.KeyAndCertificate serving, String caPem, int port, KubernetesClient reviewer) {
    ExecutorService executor = Executors.newFixedThreadPool(4, SimulatorWebhooks::daemon);
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 64);
      server.setHttpsConfigurator(
          new HttpsConfigurator(
              ServingTls.context(serving.certificatePem(), serving.privateKeyPem())));
      for (AdmissionRule rule : List.of(new CloneSourceRule(reviewer), new RunStrategyRule())) {
        server.createContext(rule.path(), new AdmissionEndpoint(rule));
      }
      server.setExecutor(executor);
      server.start();
      return new SimulatorWebhooks(server, executor, caPem);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot serve the simulator's webhooks on port " + port, e);
    }
  }

  /** Serves the rules on a free port with a serving certificate from the control plane's CA. */
  public static SimulatorWebhooks start(ControlPlane plane, KubernetesClient reviewer) {
    Pki.KeyAndCertificate serving =
        plane.pki().issueServing("kubevirt-simulator-webhooks", List.of("localhost", "127.0.0.1"));
    return start(serving, plane.pki().caPem(), FreePorts.next(), reviewer);
  }

  /** Where the rules are served, e.g. {@code https://127.0.0.1:40123}. */
  public URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Registers the rules with the API server as the ValidatingWebhookConfiguration {@code name}
   * (replacing one of that name).
   *
   * @param namespaces the namespaces whose requests the rules see; null for all
   */
  public synchronized SimulatorWebhooks register(
      KubernetesClient admin, String name, LabelSelector namespaces) {
    String caBundle = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    admin
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withWebhooks(
                    webhook(
                        "datavolume-validator.cdi.kubevirt.io",
                        CloneSourceRule.PATH,
                        CloneSourceRule.GROUP,
                        "v1beta1",
                        "datavolumes",
                        List.of("CREATE"),
                        caBundle,
                        namespaces),
                    webhook(
                        "virtualmachine-validator.kubevirt.io",
                        RunStrategyRule.PATH,
                        "kubevirt.io",
                        "v1",
                        "virtualmachines",
                        List.of("CREATE", "UPDATE"),
                        caBundle,
                        namespaces))
                .build())
        .createOr(NonDeletingOperation::update);
    registeredWith = admin;
    registeredName = name;
    return this;
  }

  /** Labels the namespace {@value #NAMESPACE_LABEL}={@code value}, for a registration to select. */
  public static void label(KubernetesClient admin, String namespace, String value) {
    admin
        .namespaces()
        .withName(namespace)
        .edit(
            n -> {
              n.getMetadata().getLabels().put(NAMESPACE_LABEL, value);
              return n;
            });
  }

  /** The selector of the namespaces labelled {@value #NAMESPACE_LABEL}={@code value}. */
  public static LabelSelector labelled(String value) {
    return new LabelSelectorBuilder().addToMatchLabels(NAMESPACE_LABEL, value).build();
  }

  /**
   * Waits until the API server calls the rules for requests in the namespace (a dry-run create that
   * KubeVirt's rule refuses), at most 30 seconds.
   */
  public static void awaitEffective(KubernetesClient client, String namespace) {
    new WebhookProbe().await(client, namespace);
  }

  /** Removes the registration (if any) and stops serving. */
  @Override
  public synchronized void close() {
    if (registeredWith != null) {
      registeredWith
          .admissionRegistration()
          .v1()
          .validatingWebhookConfigurations()
          .withName(registeredName)
          .delete();
      registeredWith = null;
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private ValidatingWebhook webhook(
      String name,
      String path,
      String group,
      String version,
      String resource,
      List<String> operations,
      String caBundle,
      LabelSelector namespaces) {
    return new ValidatingWebhookBuilder()
        .withName(name)
        .withNewClientConfig()
        .withUrl(url() + path)
        .withCaBundle(caBundle)
        .endClientConfig()
        .addNewRule()
        .withApiGroups(group)
        .withApiVersions(version)
        .withResources(resource)
        .withOperations(operations)
        .withScope("Namespaced")
        .endRule()
        .withNamespaceSelector(namespaces)
        .withFailurePolicy("Fail")
        .withSideEffects("None")
        .withAdmissionReviewVersions("v1")
        .withTimeoutSeconds(10)
        .build();
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "kubevirt-simulator-webhooks");
    thread.setDaemon(true);
    return thread;
  }
}
