package io.vmclone.operator.workflow.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.identity.IdentityScope;
import io.vmclone.operator.identity.SessionTokens;
import io.vmclone.operator.identity.TokenAudience;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalLocks;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.journal.LeaderEpoch;
import io.vmclone.operator.journal.NewTask;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.journal.RecoveryResolutions;
import io.vmclone.operator.journal.SessionRepository;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.kubevirt.KubeVirtPlatform;
import io.vmclone.operator.platform.kubevirt.KubeVirtTargetPlanning;
import io.vmclone.operator.spec.ChildNames;
import io.vmclone.operator.workflow.Action;
import io.vmclone.operator.workflow.CreationKeySource;
import io.vmclone.operator.workflow.RequesterPlatforms;
import io.vmclone.simulator.SimulatorSettings;
import io.vmclone.testing.KubeVirtKind;
import io.vmclone.testing.KubeVirtManifests;
import io.vmclone.testing.KubeVirtObjects;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.SimulatedKubeVirt;
import io.vmclone.testing.TestDatabase;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The real pieces the actions work with: {@link KubeVirtPlatform} on the real API server of the
 * test control plane as the operator's ServiceAccount with exactly the chart's RBAC, the KubeVirt
 * simulator playing KubeVirt's and CDI's controllers and their admission webhooks, and a {@link
 * JournalRepository} on a real PostgreSQL database. One per test class; every test takes fresh
 * namespaces of the class ({@link #namespace()}), which the simulator and its webhooks keep to.
 * Setup and checks ({@link #cluster}) go through the admin.
 *
 * <p>The simulator fails the temporary snapshot of clones whose key starts with {@code f} and the
 * copy of every disk named {@value #BROKEN_DISK}; {@link #cloneUid()} hands out UIDs whose
 * snapshots succeed, {@link #cloneUidWithFailingSnapshot()} the others.
 */
final class ActionFixture implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final String BROKEN_DISK = "brokendisk";
  private static final String FAILING_SNAPSHOT = "^vmclone-f";

  final ObjectMapper mapper = new ObjectMapper();
  final KubeVirtObjects cluster;
  final KubeVirtPlatform platform;
  final JournalRepository journal;
  final RecoveryRepository recovery;
  final RecoveryResolutions resolutions;
  final JournalLocks locks;
  final SessionRepository sessions;
  final Incarnation incarnation = new Incarnation();
  final LeaderEpoch epoch = Leaders.leading("actions");
  final TargetPlanner planner = new TargetPlanner(new KubeVirtTargetPlanning());
  final CreationKeySource creationKeys = CreationKeySource.fixed(SecureRandom.getSeed(32));
  private final SimulatedKubeVirt kubevirt;

  private ActionFixture(String name) {
    kubevirt =
        SimulatedKubeVirt.start(
            name.toLowerCase(Locale.ROOT),
            SimulatorSettings.fast()
                .withFailSnapshotMatching(FAILING_SNAPSHOT)
                .withFailCopyMatching("-" + BROKEN_DISK + "$"));
    cluster = kubevirt.cluster;
    platform = new KubeVirtPlatform(kubevirt.operator());
    DataSource dataSource = TestDatabase.migratedDataSource(name);
    journal = new JournalRepository(dataSource, mapper, incarnation, epoch, Clock.systemUTC());
    recovery = new RecoveryRepository(dataSource, mapper, incarnation, epoch, Clock.systemUTC());
    resolutions =
        new RecoveryResolutions(dataSource, mapper, incarnation, epoch, Clock.systemUTC());
    locks = new JournalLocks(dataSource, mapper, incarnation, epoch, Clock.systemUTC());
    sessions = new SessionRepository(dataSource, mapper, incarnation, epoch, Clock.systemUTC());
  }

  /**
   * Starts the simulator, its webhooks and a database named after the test class, whose name also
   * prefixes the namespaces.
   */
  static ActionFixture start(Class<?> testClass) {
    return new ActionFixture(testClass.getSimpleName());
  }

  /** Stops the simulator and its webhooks and deletes the class's namespaces. */
  @Override
  public void close() {
    kubevirt.close();
  }

  /**
   * A new namespace of the test class, where the simulator plays KubeVirt's and CDI's controllers
   * and admission webhooks.
   */
  String namespace() {
    return kubevirt.namespace();
  }

  RedoableAction redoable() {
    return new RedoableAction(mapper, true);
  }

  FlagEntitiesAction flagEntities() {
    return new FlagEntitiesAction(platform, locks, recovery, planner, mapper);
  }

  SnapshotSourceAction snapshotSource() {
    return new SnapshotSourceAction(platform, planner, mapper);
  }

  CopyDisksAction copyDisks() {
    return new CopyDisksAction(platform, RequesterPlatforms.operator(platform), planner, mapper);
  }

  CreateTargetAction createTarget() {
    return new CreateTargetAction(platform, RequesterPlatforms.operator(platform), planner, mapper);
  }

  PowerOnAction powerOn() {
    return new PowerOnAction(platform, RequesterPlatforms.operator(platform), mapper);
  }

  ReleaseAction release() {
    return new ReleaseAction(platform, locks, preserveSession(), mapper);
  }

  PreserveSessionAction preserveSession() {
    SessionTokens tokens =
        new SessionTokens(
            kubevirt.operator(),
            new IdentityScope(Optional.of(OperatorInstall.NAMESPACE), List.of()),
            new TokenAudience(kubevirt.operator(), mapper, Optional.empty()));
    return new PreserveSessionAction(sessions, tokens, mapper, false, Duration.ofHours(24));
  }

  /**
   * The workflow's actions in workflow order, as the engine runs them, without Authorize and
   * PreserveSession: the tasks of this fixture have no requester to check or act for.
   */
  List<Action> workflow() {
    return CloneWorkflow.inOrder(
        List.of(
            redoable(),
            flagEntities(),
            snapshotSource(),
            copyDisks(),
            createTarget(),
            powerOn(),
            release()));
  }

  /** A clone UID whose temporary snapshot the simulator lets succeed. */
  static String cloneUid() {
    return uidWhere(false);
  }

  /** A clone UID whose temporary snapshot the simulator fails. */
  static String cloneUidWithFailingSnapshot() {
    return uidWhere(true);
  }

  private static String uidWhere(boolean failing) {
    while (true) {
      String uid = UUID.randomUUID().toString();
      if (ChildNames.snapshotName(uid).matches(FAILING_SNAPSHOT + ".*") == failing) {
        return uid;
      }
    }
  }

  /** A clone spec of the VirtualMachine (or snapshot) of that name, defaults otherwise. */
  static VirtualMachineCloneSpec cloneOf(SourceKind kind, String name) {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(kind, name, null));
    return spec;
  }

  /** Opens a task for a new clone in the namespace, as the operator does on a new CR. */
  CloneTask open(String namespace, VirtualMachineCloneSpec spec) {
    return open(namespace, spec, cloneUid());
  }

  CloneTask open(String namespace, VirtualMachineCloneSpec spec, String cloneUid) {
    Instant now = Instant.now();
    NewTask task =
        new NewTask(
            namespace,
            "clone-" + cloneUid.substring(0, 8),
            cloneUid,
            now,
            now.plus(Duration.ofHours(6)),
            3,
            mapper.valueToTree(spec));
    return new CloneTask(this, journal.openTask(task));
  }

  /** Creates a VM with a 30Gi root disk, a data disk, a containerDisk and cloud-init. */
  ObjectNode createVm(String namespace, String name) {
    return cluster.create(KubeVirtManifests.vm(namespace, name, "Halted"));
  }

  /** Creates a VM whose data disk is named {@value #BROKEN_DISK}: its copy fails half way. */
  ObjectNode createVmWithBrokenDisk(String namespace, String name) {
    ObjectNode vm = KubeVirtManifests.vm(namespace, name, "Halted");
    for (JsonNode volume : vm.at("/spec/template/spec/volumes")) {
      if ("datadisk".equals(volume.path("name").asText())) {
        ((ObjectNode) volume).put("name", BROKEN_DISK);
      }
    }
    return cluster.create(vm);
  }

  /**
   * The manifest with the task's label, as someone who may only label objects would set it (the
   * task id is public: it is in the clone's status).
   */
  static ObjectNode labelledFor(ObjectNode manifest, String taskId) {
    manifest
        .withObjectProperty("metadata")
        .withObjectProperty("labels")
        .put(VmPlatform.TASK_LABEL, taskId);
    return manifest;
  }

  /** The names of the objects of a kind in the namespace that carry the task's label. */
  List<String> labelled(KubeVirtKind kind, String namespace, String taskId) {
    return cluster.labelled(kind, namespace, VmPlatform.TASK_LABEL, taskId);
  }

  /** How many objects of a kind the namespace holds, ours or not. */
  int count(KubeVirtKind kind, String namespace) {
    return cluster.names(kind, namespace).size();
  }

  /** The object's metadata.uid; fails if it does not exist. */
  String uid(KubeVirtKind kind, String namespace, String name) {
    return cluster.require(kind, namespace, name).at("/metadata/uid").asText();
  }

  /** The object's finalizers, in order. */
  List<String> finalizers(KubeVirtKind kind, String namespace, String name) {
    List<String> names = new ArrayList<>();
    cluster
        .require(kind, namespace, name)
        .at("/metadata/finalizers")
        .forEach(f -> names.add(f.asText()));
    return names;
  }
}
