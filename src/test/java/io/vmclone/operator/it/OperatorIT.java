package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.simulator.KubeVirtSimulator;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.Requesters;
import io.vmclone.testing.TestControlPlane;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the operator's integration tests: the operator runs in Quarkus on the JVM's real control
 * plane (kube-apiserver, etcd, kube-controller-manager; {@link OperatorOnControlPlane}) as the
 * chart's ServiceAccount, in a namespace of its own, with its admission webhooks called by the API
 * server, and on a real PostgreSQL; the KubeVirt simulator plays KubeVirt and CDI in the same JVM.
 * Clones are created by real users (alice, bob, the ServiceAccount ci-bot) through those webhooks.
 * Copies take about a second, so a clone can be caught mid-copy; the copy of any volume named
 * {@code faildisk} fails half way. After each class, {@link ForbiddenCalls} checks that the API
 * server refused the operator nothing: the chart's RBAC was enough for all the class made it do.
 */
abstract class OperatorIT {

  static final String FAILING_VOLUME = "faildisk";
  static final String CI_BOT = Requesters.CI_BOT;
  static final ResourceDefinitionContext VM =
      context("kubevirt.io", "v1", "virtualmachines", "VirtualMachine");
  static final ResourceDefinitionContext SNAPSHOT =
      context(
          "snapshot.kubevirt.io", "v1beta1", "virtualmachinesnapshots", "VirtualMachineSnapshot");
  static final ResourceDefinitionContext DATA_VOLUME =
      context("cdi.kubevirt.io", "v1beta1", "datavolumes", "DataVolume");
  static final String CONTROLLER = "virtualmachineclone";
  private static KubeVirtSimulator simulator;
  private static String elsewhere;

  /** The cluster admin: sets up VMs and reads what the operator did. */
  final KubernetesClient client = TestControlPlane.admin();

  /** The namespace of this test class's operator (see {@link OperatorOnControlPlane}). */
  String namespace;

  @Inject DataSource dataSource;
  @Inject Operator operator;

  @BeforeEach
  void startSimulator() {
    namespace = ConfigProvider.getConfig().getValue(OperatorOnControlPlane.NAMESPACE, String.class);
    synchronized (OperatorIT.class) {
      if (simulator == null) {
        Requesters.grant(namespace, List.of("alice", "group:developers", CI_BOT));
        simulator =
            new KubeVirtSimulator(
                    client,
                    SimulatorSettings.fast()
                        .withCopyDuration(Duration.ofMillis(1500))
                        .withFailCopyMatching("-" + FAILING_VOLUME + "$"))
                .start();
      }
    }
  }

  /** Each test class gets an operator and a namespace of its own, so a simulator too. */
  @AfterAll
  static void stopSimulator() {
    synchronized (OperatorIT.class) {
      if (simulator != null) {
        simulator.close();
        simulator = null;
      }
      elsewhere = null;
    }
  }

  @AfterAll
  static void theOperatorWasRefusedNothing() {
    ForbiddenCalls.assertNone(
        ConfigProvider.getConfig().getValue(OperatorOnControlPlane.NAMESPACE, String.class));
  }

  /**
   * Makes the operator list the test's namespace anew, as after a restart, so that every clone in
   * it is reconciled: its controller is pointed at an empty namespace and back.
   *
   * <p>Only while no clone of the namespace is in flight: java-operator-sdk 5.3.2 throws from
   * {@code changeNamespaces} when a resource of the namespace it leaves has an event pending.
   */
  void relistNamespace() {
    synchronized (OperatorIT.class) {
      if (elsewhere == null) {
        elsewhere = TestControlPlane.newNamespace("elsewhere");
      }
    }
    controller().changeNamespaces(Set.of(elsewhere));
    controller().changeNamespaces(Set.of(namespace));
  }

  private RegisteredController<?> controller() {
    return operator
        .getRegisteredController(CONTROLLER)
        .orElseThrow(() -> new IllegalStateException("no controller " + CONTROLLER));
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
  }

  GenericKubernetesResource createVm(String name, String runStrategy, String dataVolume) {
    return createVm(name, runStrategy, dataVolume, vm -> {});
  }

  /** Creates a test VM, changed by {@code customize} before it is created. */
  GenericKubernetesResource createVm(
      String name,
      String runStrategy,
      String dataVolume,
      Consumer<GenericKubernetesResource> customize) {
    return createVmIn(namespace, name, runStrategy, dataVolume, customize);
  }

  /** Creates a halted test VM in another namespace than the test's. */
  GenericKubernetesResource createVmIn(String vmNamespace, String name) {
    return createVmIn(vmNamespace, name, "Halted", "datadisk", vm -> {});
  }

  private GenericKubernetesResource createVmIn(
      String vmNamespace,
      String name,
      String runStrategy,
      String dataVolume,
      Consumer<GenericKubernetesResource> customize) {
    String manifest =
        template("/it/vm.yaml")
            .replace("NAMESPACE", vmNamespace)
            .replace("RUN_STRATEGY", runStrategy)
            .replace("DATA_VOLUME", dataVolume)
            .replace("NAME", name);
    GenericKubernetesResource vm =
        client.getKubernetesSerialization().unmarshal(manifest, GenericKubernetesResource.class);
    customize.accept(vm);
    return client.genericKubernetesResources(VM).inNamespace(vmNamespace).resource(vm).create();
  }

  GenericKubernetesResource createVm(String name) {
    return createVm(name, "Halted", "datadisk");
  }

  /** Creates a VirtualMachineSnapshot of the VM of that name, as a user would. */
  GenericKubernetesResource createSnapshot(String name, String vmName) {
    GenericKubernetesResource snapshot =
        client
            .getKubernetesSerialization()
            .convertValue(
                KubeVirtManifests.snapshot(namespace, name, vmName),
                GenericKubernetesResource.class);
    return client
        .genericKubernetesResources(SNAPSHOT)
        .inNamespace(namespace)
        .resource(snapshot)
        .create();
  }

  GenericKubernetesResource vm(String name) {
    return client.genericKubernetesResources(VM).inNamespace(namespace).withName(name).get();
  }

  /**
   * Creates a clone as {@code requester} ({@code alice}, {@code bob} or {@value
   * Requesters#CI_BOT}): the API server authenticates them and calls the operator's webhooks, which
   * stamp who asked.
   */
  VirtualMachineClone createCloneAs(
      String requester, String name, String source, Consumer<VirtualMachineCloneSpec> customize) {
    return createAs(requester, newClone(name, source, customize));
  }

  /** A clone of the source in the test's namespace, not yet created. */
  VirtualMachineClone newClone(
      String name, String source, Consumer<VirtualMachineCloneSpec> customize) {
    VirtualMachineClone clone = new VirtualMachineClone();
    clone.getMetadata().setName(name);
    clone.getMetadata().setNamespace(namespace);
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, source, null));
    customize.accept(spec);
    clone.setSpec(spec);
    return clone;
  }

  /** Creates the clone as {@code requester}, as {@link #createCloneAs} does. */
  VirtualMachineClone createAs(String requester, VirtualMachineClone clone) {
    try (KubernetesClient as = Requesters.clientAs(requester, namespace)) {
      return as.resources(VirtualMachineClone.class)
          .inNamespace(namespace)
          .resource(clone)
          .create();
    }
  }

  /** Creates a clone as the ServiceAccount ci-bot, whose token the operator preserves. */
  VirtualMachineClone createClone(
      String name, String source, Consumer<VirtualMachineCloneSpec> customize) {
    return createCloneAs(CI_BOT, name, source, customize);
  }

  VirtualMachineClone createClone(String name, String source) {
    return createClone(name, source, spec -> {});
  }

  VirtualMachineClone clone(String name) {
    return client.resources(VirtualMachineClone.class).inNamespace(namespace).withName(name).get();
  }

  VirtualMachineClone awaitPhase(String name, ClonePhase phase) {
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                VirtualMachineClone clone = clone(name);
                return clone != null
                    && clone.getStatus() != null
                    && clone.getStatus().getPhase() == phase;
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "clone " + name + " did not reach " + phase + ": " + diagnostics(name), e);
    }
    return clone(name);
  }

  /** Waits until the clone is in the middle of a step, e.g. copying disks. */
  void awaitStep(String name, String step) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              VirtualMachineClone clone = clone(name);
              return clone != null
                  && clone.getStatus() != null
                  && step.equals(clone.getStatus().getCurrentStep())
                  && clone.getStatus().getProgress() > 5
                  && clone.getStatus().getProgress() < 95;
            });
  }

  /** Waits until the clone is blocked on its missing source; its task id. */
  String awaitBlocked(String name) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              VirtualMachineClone clone = clone(name);
              return clone != null
                  && clone.getStatus() != null
                  && "FlagEntities".equals(clone.getStatus().getCurrentStep())
                  && "SourceNotFound".equals(reason(clone, "Blocked"));
            });
    return clone(name).getStatus().getTaskId();
  }

  /** Nothing the task created is left, and it holds nothing on its source. */
  void assertNothingLeftBehind(String taskId, String source) {
    assertThat(labelled(DATA_VOLUME, taskId)).as("DataVolumes").isEmpty();
    assertThat(labelled(SNAPSHOT, taskId)).as("snapshots").isEmpty();
    assertThat(labelled(VM, taskId)).as("VMs").isEmpty();
    assertThat(finalizers(vm(source))).noneMatch(f -> f.startsWith("vmclone.io/"));
    assertThat(locks(taskId)).as("locks").isEmpty();
  }

  /** What a person debugging a failed test wants to see: the clone's status and its events. */
  String diagnostics(String name) {
    VirtualMachineClone clone = clone(name);
    String status =
        clone == null ? "gone" : client.getKubernetesSerialization().asJson(clone.getStatus());
    List<String> reasons =
        events(name).stream().map(e -> e.getReason() + ": " + e.getMessage()).toList();
    return "status " + status + ", events " + reasons;
  }

  List<Event> events(String cloneName) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> cloneName.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Every object of the kind in the namespace that carries the task's label. */
  List<GenericKubernetesResource> labelled(ResourceDefinitionContext kind, String taskId) {
    return client
        .genericKubernetesResources(kind)
        .inNamespace(namespace)
        .withLabel("vmclone.io/task-id", taskId)
        .list()
        .getItems();
  }

  /** Every request the API server has logged so far that matches. */
  static List<AuditLog.Event> audited(Predicate<AuditLog.Event> filter) {
    return TestControlPlane.get().auditLog().events(filter);
  }

  /** Every successful create of the VM with this name in the test's namespace: who made it. */
  List<AuditLog.Event> targetCreates(String vmName) {
    return audited(
        e ->
            "create".equals(e.verb())
                && "virtualmachines".equals(e.resource())
                && namespace.equals(e.namespace())
                && vmName.equals(e.name())
                && e.code() == 201);
  }

  /**
   * Every create of a DataVolume of the clone (by its UID) in the namespace, answered or refused.
   */
  static List<AuditLog.Event> dataVolumeCreates(String dvNamespace, String cloneUid) {
    String prefix = ChildNames.dataVolumeName(cloneUid, "");
    return audited(
        e ->
            "create".equals(e.verb())
                && "datavolumes".equals(e.resource())
                && e.subresource().isEmpty()
                && dvNamespace.equals(e.namespace())
                && e.name().startsWith(prefix)
                && !"admin".equals(e.user()));
  }

  static List<String> finalizers(HasMetadata object) {
    return object.getMetadata().getFinalizers() == null
        ? List.of()
        : object.getMetadata().getFinalizers();
  }

  /** Plays a crash of the process running the task (see {@link JournalTables#interrupt}). */
  void interrupt(String taskId) {
    journalTables().interrupt(taskId);
  }

  /** The journal of the task as "Action STATE" lines, from PostgreSQL. */
  List<String> journal(String taskId) {
    return journalTables().journal(taskId);
  }

  /** "TASKSTATE/JOURNALSTATE", e.g. {@code SUCCESS/COMMITTED}. */
  String taskState(String taskId) {
    return journalTables().taskState(taskId);
  }

  List<String> locks(String taskId) {
    return journalTables().locks(taskId);
  }

  /** The first column of every row of a query with one parameter. */
  List<String> query(String sql, String parameter) {
    return journalTables().query(sql, parameter);
  }

  JournalTables journalTables() {
    return new JournalTables(dataSource);
  }

  static String condition(VirtualMachineClone clone, String type) {
    return conditionOf(clone, type).getStatus();
  }

  static String reason(VirtualMachineClone clone, String type) {
    return conditionOf(clone, type).getReason();
  }

  static String message(VirtualMachineClone clone, String type) {
    return conditionOf(clone, type).getMessage();
  }

  private static Condition conditionOf(VirtualMachineClone clone, String type) {
    return clone.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " on " + clone.getStatus()));
  }

  JsonNode json(GenericKubernetesResource resource) {
    return client.getKubernetesSerialization().convertValue(resource, JsonNode.class);
  }

  private static String template(String resource) {
    try (InputStream in = OperatorIT.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResourceDefinitionContext context(
      String group, String version, String plural, String kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withPlural(plural)
        .withKind(kind)
        .withNamespaced(true)
        .build();
  }
}
