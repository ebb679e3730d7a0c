package io.vmclone.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vmclone.controlplane.Binaries;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.FreePorts;
import io.vmclone.controlplane.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a @QuarkusTest's operator on the JVM's real control plane ({@link TestControlPlane}) as it
 * runs in a cluster: as the chart's ServiceAccount with exactly the chart's RBAC (a TokenRequest
 * token; token minting granted in the test's namespace as {@code identity.serviceAccountNamespaces}
 * would grant it, preserved tokens kept in the operator's namespace), serving its admission
 * webhooks over HTTPS to the API server, which calls them through real webhook configurations. Each
 * application start gets a namespace of its own; the operator watches only that one, and the
 * webhooks see only requests in it, so test classes that share the control plane never meet. The
 * test reads the namespace from the setting {@value #NAMESPACE}.
 *
 * <p>Use with {@code @QuarkusTestResource(value = OperatorOnControlPlane.class,
 * restrictToAnnotatedClass = true)}.
 */
public class OperatorOnControlPlane implements QuarkusTestResourceLifecycleManager {

  /** The setting that names the test's namespace. */
  public static final String NAMESPACE = "vmclone-test.namespace";

  private static final Duration TOKEN_LIFETIME = Duration.ofHours(3);

  private WebhookRegistration webhooks;

  @Override
  public Map<String, String> start() {
    ControlPlane plane = TestControlPlane.get();
    Path root = Binaries.repositoryRoot();
    TestControlPlane.installOperatorRbac();
    String namespace = TestControlPlane.newNamespace("it");
    OperatorInstall.grantTokenRequests(TestControlPlane.admin(), namespace);
    int httpsPort = FreePorts.next();
    Path tls = writeServingCertificate(plane.pki(), Path.of("target", "webhook-tls", namespace));
    webhooks =
        WebhookRegistration.register(
            TestControlPlane.admin(),
            root,
            "vmclone-test-" + namespace,
            URI.create("https://127.0.0.1:" + httpsPort),
            plane.pki().caPem(),
            Optional.of(namespace));
    Map<String, String> settings = new HashMap<>();
    settings.put("quarkus.kubernetes-client.api-server-url", plane.url().toString());
    settings.put(
        "quarkus.kubernetes-client.ca-cert-data",
        Base64.getEncoder()
            .encodeToString(plane.pki().caPem().getBytes(StandardCharsets.US_ASCII)));
    settings.put("quarkus.kubernetes-client.token", OperatorInstall.token(plane, TOKEN_LIFETIME));
    settings.put("quarkus.kubernetes-client.namespace", namespace);
    settings.put("quarkus.operator-sdk.controllers.virtualmachineclone.namespaces", namespace);
    settings.put("quarkus.http.test-ssl-port", Integer.toString(httpsPort));
    settings.put("quarkus.http.ssl.certificate.files", tls.resolve("tls.crt").toString());
    settings.put("quarkus.http.ssl.certificate.key-files", tls.resolve("tls.key").toString());
    settings.put(NAMESPACE, namespace);
    settings.putAll(OperatorInstall.identitySettings(namespace));
    // Quarkus warns at start that build-time client settings changed at run time and quotes their
    // values, the operator's token among them: no token may reach a log.
    settings.put(
        "quarkus.log.category.\"io.quarkus.runtime.configuration.ConfigRecorder\".level", "ERROR");
    return settings;
  }

  @Override
  public void stop() {
    if (webhooks != null) {
      webhooks.remove();
    }
  }

  /** A serving certificate for 127.0.0.1 from the control plane's CA, as tls.crt and tls.key. */
  static Path writeServingCertificate(Pki pki, Path folder) {
    Pki.KeyAndCertificate serving =
        pki.issueServing("vmclone-operator-webhook", List.of("localhost", "127.0.0.1"));
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("tls.crt"), serving.certificatePem());
      Files.writeString(folder.resolve("tls.key"), serving.privateKeyPem());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }
}
