package io.vmclone.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.controlplane.Binaries;
import io.vmclone.controlplane.ClusterSeeder;
import io.vmclone.controlplane.ControlPlane;
import io.vmclone.controlplane.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The one real control plane of a test JVM (etcd, kube-apiserver, kube-controller-manager; see
 * {@link ControlPlane}), started on first use with the clone CRD from {@code crds/} and KubeVirt's
 * and CDI's CRDs installed, and stopped when the JVM exits. Its logs stay in {@code
 * target/control-plane-<pid>/logs/}.
 *
 * <p>Tests share it: each test class takes a namespace of its own ({@link #newNamespace}) and
 * touches nothing outside it but what it creates under names of its own.
 */
public final class TestControlPlane {

  /** Names the file with which other class loaders attach; not a Quarkus setting. */
  static final String ATTACHMENT = "vmclone-test.control-plane-attachment";

  private static ControlPlane plane;
  private static KubernetesClient admin;
  private static boolean operatorRbac;

  private TestControlPlane() {}

  /**
   * The requests the operator's ServiceAccount ({@link OperatorInstall#USER}) made after the audit
   * log's point ({@code get().auditLog().end()}) that match: what a test counts the operator's
   * calls with.
   */
  public static List<AuditLog.Event> operatorRequestsSince(
      long point, Predicate<AuditLog.Event> filter) {
    return get()
        .auditLog()
        .eventsFrom(point, e -> OperatorInstall.USER.equals(e.user()) && filter.test(e))
        .events();
  }

  /**
   * The JVM's control plane, started (and its CRDs installed) if this is the first call in the JVM.
   * Quarkus tests load this class again in class loaders of their own; those attach to the running
   * control plane through the file that the system property {@value #ATTACHMENT} names.
   */
  public static synchronized ControlPlane get() {
    if (plane != null) {
      return plane;
    }
    // One lock for every class loader of the JVM.
    synchronized (System.getProperties()) {
      String attachment = System.getProperty(ATTACHMENT);
      if (attachment != null) {
        plane = ControlPlane.attach(Path.of(attachment));
        admin = plane.client(User.ADMIN);
        return plane;
      }
      Path folder = Path.of("target", "control-plane-" + ProcessHandle.current().pid());
      ControlPlane started =
          ControlPlane.start(ControlPlane.Settings.in(folder).keepingLogs(), Binaries.locate());
      Runtime.getRuntime().addShutdownHook(new Thread(TestControlPlane::stop));
      KubernetesClient client = started.client(User.ADMIN);
      try {
        ClusterSeeder seeder = new ClusterSeeder(client);
        seeder.storeCrds(Path.of("crds"));
        seeder.storeCrds(KubeVirtCrds.crds());
      } catch (IOException e) {
        started.close();
        throw new UncheckedIOException(e);
      }
      plane = started;
      admin = client;
      System.setProperty(ATTACHMENT, started.writeAttachment().toString());
      return plane;
    }
  }

  /**
   * The operator's namespace, ServiceAccount and the chart's RBAC ({@code k8s/rbac.yaml}), once per
   * JVM.
   */
  public static synchronized void installOperatorRbac() {
    if (!operatorRbac) {
      OperatorInstall.applyChartRbac(admin(), Binaries.repositoryRoot());
      OperatorInstall.applyRequesterPolicy(admin(), Binaries.repositoryRoot());
      operatorRbac = true;
    }
  }

  /** A client as the cluster admin; shared, do not close it. */
  public static synchronized KubernetesClient admin() {
    get();
    return admin;
  }

  /**
   * A new namespace named after the prefix and a random suffix, e.g. {@code clonelifecycle-x7k2p};
   * its ServiceAccount {@code default} exists when this returns.
   */
  public static String newNamespace(String prefix) {
    String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    base = base.substring(0, Math.min(base.length(), 40)).replaceAll("^-+|-+$", "");
    String name = base + "-" + suffix();
    new ClusterSeeder(admin()).ensureNamespace(name);
    admin()
        .serviceAccounts()
        .inNamespace(name)
        .withName("default")
        .waitUntilCondition(Objects::nonNull, 30, TimeUnit.SECONDS);
    return name;
  }

  private static String suffix() {
    String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
    }
    return suffix.toString();
  }

  private static synchronized void stop() {
    if (admin != null) {
      admin.close();
    }
    if (plane != null) {
      plane.close();
    }
  }
}
