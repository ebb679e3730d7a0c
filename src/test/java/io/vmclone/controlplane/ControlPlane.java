package io.vmclone.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real Kubernetes control plane on the loopback interface, built from Go modules ({@code
 * controlplane/}): etcd, kube-apiserver and kube-controller-manager as child processes.
 *
 * <ul>
 *   <li>kube-apiserver serves HTTPS with a certificate of a fresh {@link Pki}; RBAC authorization;
 *       the default admission plugins (webhooks and ValidatingAdmissionPolicy included); users by
 *       static bearer tokens ({@link User}: an admin in {@code system:masters}, alice, bob); a
 *       ServiceAccount issuer and signing key, so TokenRequest and TokenReview work.
 *   <li>kube-controller-manager runs the garbage collector, the namespace controller and the
 *       ServiceAccount controller (every namespace gets its {@code default} ServiceAccount).
 *   <li>etcd without fsync: a test cluster, fast and disposable.
 *   <li>an audit log of every request ({@link AuditLog}): who made which call, with what answer.
 * </ul>
 *
 * Everything lives in one folder (certificates, token file, etcd data, logs in {@code logs/});
 * {@link #close} stops the processes and deletes the folder (but for the logs, if asked). Child
 * processes never outlive this JVM (see {@link ManagedProcess}).
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ControlPlane.class.getName());
  private static final Duration START_LIMIT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * What to start.
   *
   * @param folder where the control plane keeps its files; created if missing
   * @param apiPort the API server's HTTPS port; 0 for a free one
   * @param users the static users; one must be {@link User#ADMIN}
   * @param extraApiServerArgs more kube-apiserver flags (e.g. an audit log)
   * @param keepLogs whether {@link #close} leaves {@code logs/} (the rest of the folder goes)
   */
  public record Settings(
      Path folder,
      int apiPort,
      List<User> users,
      List<String> extraApiServerArgs,
      boolean keepLogs) {

    public static Settings in(Path folder) {
      return new Settings(folder, 0, User.defaults(), List.of(), false);
    }

    public Settings withApiPort(int port) {
      return new Settings(folder, port, users, extraApiServerArgs, keepLogs);
    }

    public Settings withUsers(List<User> newUsers) {
      return new Settings(folder, apiPort, newUsers, extraApiServerArgs, keepLogs);
    }

    public Settings withApiServerArgs(List<String> args) {
      return new Settings(folder, apiPort, users, args, keepLogs);
    }

    public Settings keepingLogs() {
      return new Settings(folder, apiPort, users, extraApiServerArgs, true);
    }
  }

  private final Settings settings;
  private final Binaries binaries;
  private final Pki pki;
  private final URI url;
  private final List<ManagedProcess> processes;
  private final ReadinessProbe probe;
  private final AuditLog audit;
  private final boolean attached;

  private ControlPlane(
      Settings settings,
      Binaries binaries,
      Pki pki,
      URI url,
      List<ManagedProcess> processes,
      ReadinessProbe probe,
      AuditLog audit,
      boolean attached) {
    this.settings = settings;
    this.audit = audit;
    this.attached = attached;
    this.binaries = binaries;
    this.pki = pki;
    this.url = url;
    this.processes = processes;
    this.probe = probe;
  }

  /** Starts etcd, kube-apiserver and kube-controller-manager; returns once all three work. */
  public static ControlPlane start(Settings settings, Binaries binaries) {
    Instant begun = Instant.now();
    Path folder = settings.folder().toAbsolutePath();
    User admin =
        settings.users().stream()
            .filter(u -> u.name().equals(User.ADMIN))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no user " + User.ADMIN));
    List<ManagedProcess> started = new ArrayList<>();
    try {
      Files.createDirectories(folder.resolve("logs"));
      ControlPlaneFiles files = ControlPlaneFiles.write(folder, settings.users());
      int apiPort = settings.apiPort() == 0 ? FreePorts.next() : settings.apiPort();
      URI url = URI.create("https://127.0.0.1:" + apiPort);
      ReadinessProbe probe = new ReadinessProbe(files.pki().caPem(), admin.token());

      int etcdPort = FreePorts.next();
      ManagedProcess etcd =
          ManagedProcess.start(
              "etcd",
              ServerCommands.etcd(binaries, folder, etcdPort, FreePorts.next()),
              log(folder, "etcd"));
      started.add(etcd);
      probe.awaitEtcd(etcd, etcdPort, START_LIMIT);

      List<String> apiServerCommand =
          new ArrayList<>(ServerCommands.apiServer(binaries, files, etcdPort, apiPort));
      AuditLog audit = AuditLog.in(folder, apiServerCommand);
      apiServerCommand.addAll(settings.extraApiServerArgs());
      ManagedProcess apiServer =
          ManagedProcess.start("kube-apiserver", apiServerCommand, log(folder, "kube-apiserver"));
      started.add(apiServer);
      probe.awaitApiServer(apiServer, url, START_LIMIT);

      Path adminKubeconfig = folder.resolve("admin.kubeconfig");
      KubeconfigWriter.write(
          adminKubeconfig,
          new KubeconfigWriter.Cluster("control-plane", url, Optional.of(files.pki().caPem())),
          "default",
          List.of(new KubeconfigWriter.Context(User.ADMIN, admin.token())));
      ManagedProcess controllers =
          ManagedProcess.start(
              "kube-controller-manager",
              ServerCommands.controllerManager(binaries, files, adminKubeconfig),
              log(folder, "kube-controller-manager"));
      started.add(controllers);
      probe.awaitControllers(controllers, url, START_LIMIT);

      LOG.info(
          "control plane "
              + url
              + " up in "
              + Duration.between(begun, Instant.now()).toMillis()
              + " ms (folder "
              + folder
              + ")");
      return new ControlPlane(
          settings, binaries, files.pki(), url, List.copyOf(started), probe, audit, false);
    } catch (IOException | RuntimeException failure) {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).stop(STOP_GRACE);
      }
      if (failure instanceof IOException io) {
        throw new UncheckedIOException("cannot start the control plane in " + folder, io);
      }
      throw (RuntimeException) failure;
    }
  }

  /** The API server, e.g. {@code https://127.0.0.1:38211}. */
  public URI url() {
    return url;
  }

  /** The CA that signed the API server's certificate (and any webhook certificate it issues). */
  public Pki pki() {
    return pki;
  }

  /** Every request the API server answered, at level Metadata ({@code logs/audit.log}). */
  public AuditLog auditLog() {
    return audit;
  }

  public Binaries binaries() {
    return binaries;
  }

  public Path folder() {
    return settings.folder().toAbsolutePath();
  }

  /** The admin's kubeconfig (group system:masters). */
  public Path adminKubeconfig() {
    return folder().resolve("admin.kubeconfig");
  }

  public User user(String name) {
    return settings.users().stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no user " + name));
  }

  /** A client configuration that sends this bearer token, trusting the control plane's CA. */
  public Config config(String token, String namespace) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url.toString())
        .withCaCertData(
            Base64.getEncoder().encodeToString(pki.caPem().getBytes(StandardCharsets.US_ASCII)))
        .withOauthToken(token)
        .withNamespace(namespace)
        .withRequestTimeout(30_000)
        .build();
  }

  /** A new client as the user, namespace {@code default}; the caller closes it. */
  public KubernetesClient client(String userName) {
    return new KubernetesClientBuilder()
        .withConfig(config(user(userName).token(), "default"))
        .build();
  }

  /**
   * A token for a ServiceAccount (TokenRequest as the admin), as a pod's projected token would be.
   */
  public String serviceAccountToken(String namespace, String name, Duration lifetime) {
    try (KubernetesClient admin = client(User.ADMIN)) {
      TokenRequest request =
          new TokenRequestBuilder()
              .withNewSpec()
              .withExpirationSeconds(lifetime.toSeconds())
              .endSpec()
              .build();
      return admin
          .serviceAccounts()
          .inNamespace(namespace)
          .withName(name)
          .tokenRequest(request)
          .getStatus()
          .getToken();
    }
  }

  /**
   * Writes what another class loader of this JVM needs to {@link #attach} to this control plane
   * (its address, CA, users and their tokens) into {@code attach.json} in its folder, readable by
   * the owner only, and returns that file. Quarkus tests run in class loaders of their own: without
   * this, each would start a control plane of its own.
   */
  public Path writeAttachment() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("url", url.toString());
    description.put("folder", folder().toString());
    description.put("binaries", binaries.folder().toString());
    description.put("caPem", pki.caPem());
    description.put("caKeyPem", pki.caKeyPem());
    description.put("auditLog", audit.file().toString());
    description.put(
        "users",
        settings.users().stream()
            .map(
                u ->
                    Map.of(
                        "name", u.name(), "uid", u.uid(), "groups", u.groups(), "token", u.token()))
            .toList());
    Path file = folder().resolve("attach.json");
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, new ObjectMapper().writeValueAsString(description));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A view of a control plane that another class loader of this JVM started ({@link
   * #writeAttachment}); closing the view stops nothing.
   */
  public static ControlPlane attach(Path attachment) {
    try {
      JsonNode node = new ObjectMapper().readTree(attachment.toFile());
      List<User> users = new ArrayList<>();
      for (JsonNode user : node.path("users")) {
        List<String> groups = new ArrayList<>();
        user.path("groups").forEach(g -> groups.add(g.asText()));
        users.add(
            new User(
                user.path("name").asText(),
                user.path("uid").asText(),
                groups,
                user.path("token").asText()));
      }
      Pki pki = Pki.load(node.path("caPem").asText(), node.path("caKeyPem").asText());
      User admin =
          users.stream().filter(u -> u.name().equals(User.ADMIN)).findFirst().orElseThrow();
      Settings settings =
          new Settings(Path.of(node.path("folder").asText()), 0, users, List.of(), true);
      return new ControlPlane(
          settings,
          new Binaries(Path.of(node.path("binaries").asText())),
          pki,
          URI.create(node.path("url").asText()),
          List.of(),
          new ReadinessProbe(pki.caPem(), admin.token()),
          AuditLog.at(Path.of(node.path("auditLog").asText())),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot attach to " + attachment, e);
    }
  }

  /** Whether the API server still answers /readyz with 200. */
  public boolean isReady() {
    return probe.apiServerReady(url);
  }

  /** Stops the controller manager, the API server and etcd (in that order). */
  @Override
  public void close() {
    if (attached) {
      return;
    }
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).stop(STOP_GRACE);
    }
    try (Stream<Path> entries = Files.list(folder())) {
      entries
          .filter(entry -> !(settings.keepLogs() && entry.getFileName().toString().equals("logs")))
          .forEach(ControlPlane::deleteRecursively);
    } catch (IOException e) {
      LOG.warning("could not clean " + folder() + ": " + e.getMessage());
    }
    if (!settings.keepLogs()) {
      deleteRecursively(folder());
    }
  }

  private static Path log(Path folder, String name) {
    return folder.resolve("logs").resolve(name + ".log");
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warning("could not delete " + folder + ": " + e.getMessage());
    }
  }
}
