package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.DATA_VOLUME;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE_SNAPSHOT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vmclone.operator.api.RunStrategy;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.Ownership;
import io.vmclone.operator.platform.SnapshotState;
import io.vmclone.operator.platform.SourceObject;
import io.vmclone.operator.platform.VmCreation;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * {@link VmPlatform} over KubeVirt ({@code kubevirt.io/v1} VirtualMachine, {@code
 * snapshot.kubevirt.io/v1beta1} VirtualMachineSnapshot and its content) and CDI ({@code
 * cdi.kubevirt.io/v1beta1} DataVolume), through the generic client, so it works whether or not the
 * client knows the CRDs.
 *
 * <p>Objects are found by their deterministic names and told apart by the {@value TASK_LABEL} label
 * together with the creation mark of {@link Ownership}: an existing object that is provably ours is
 * adopted, any other (a labelled foreign object included) is never changed or deleted (finalizers,
 * which are ours by name, aside). Deletes are preconditioned on the object as checked ({@link
 * KubeApi#deleteIf}). Finalizers and run strategies are written as full updates with the
 * resourceVersion, retried on conflicts (see {@link KubeApi}).
 *
 * <p>The client decides whose identity the calls carry: construct one instance per identity (the
 * operator's, or the requester's for creating the target VM).
 *
 * <p>Each kind of object has its own collaborator: {@link Snapshots}, {@link DataVolumes} (the disk
 * copies), {@link VmLifecycle}, {@link Finalizers} and {@link RecoveryAnnotation}; {@link
 * OwnedObjects} creates and deletes what is ours.
 */
@ApplicationScoped
public class KubeVirtPlatform implements VmPlatform {

  private final KubeApi api;
  private final OwnedObjects owned;
  private final Snapshots snapshots;
  private final DataVolumes dataVolumes;
  private final VmLifecycle vms;
  private final Finalizers finalizers;
  private final RecoveryAnnotation recovery;

  /**
   * The operator's own platform, which reads clone objects from the operator's watch and remembers
   * the ready snapshot contents it read ({@link ReadyContents}).
   */
  @Inject
  public KubeVirtPlatform(KubernetesClient client, ChildCache cache) {
    this(new KubeApi(client, cache), new ReadyContents(ReadyContents.CAPACITY));
  }

  /** A platform for a client of another identity: every read goes to the API server as it. */
  public KubeVirtPlatform(KubernetesClient client) {
    this(new KubeApi(client, null), null);
  }

  private KubeVirtPlatform(KubeApi api, ReadyContents contents) {
    this.api = api;
    this.owned = new OwnedObjects(api);
    this.snapshots = new Snapshots(api, owned, contents);
    this.dataVolumes = new DataVolumes(api, owned);
    this.vms = new VmLifecycle(api);
    this.finalizers = new Finalizers(api);
    this.recovery = new RecoveryAnnotation(api);
  }

  @Override
  public Optional<SourceObject> findSource(ObjectRef source) {
    KubeVirtResource resource =
        KubeVirtResource.forKind(source.kind())
            .filter(r -> r == VIRTUAL_MACHINE || r == VIRTUAL_MACHINE_SNAPSHOT)
            .orElseThrow(() -> Refusals.invalidSpec("a clone cannot read from a " + source.kind()));
    return api.get(resource, source.namespace(), source.name())
        .map(
            object ->
                resource == VIRTUAL_MACHINE
                    ? new SourceObject(source, uid(object), Labels.of(object), object, true)
                    : snapshotSource(source, object));
  }

  @Override
  public Optional<VmState> findVm(String namespace, String name) {
    return api.get(VIRTUAL_MACHINE, namespace, name).map(VmLifecycle::state);
  }

  @Override
  public void addFinalizer(ObjectRef object, String finalizer) {
    finalizers.add(resourceOf(object), object, finalizer);
  }

  /**
   * {@inheritDoc}
   *
   * <p>For a VirtualMachine source, whose {@code vm()} is the object as read with its
   * resourceVersion, that is one update and no read unless the VM changed since. A snapshot
   * source's {@code vm()} is the VM the snapshot recorded, not the snapshot: it is read again.
   */
  @Override
  public void addFinalizer(SourceObject source, String finalizer) {
    ObjectRef ref = source.ref();
    ObjectNode read = source.vm();
    boolean asRead =
        VIRTUAL_MACHINE.kind().equals(ref.kind())
            && read != null
            && ref.namespace().equals(read.at("/metadata/namespace").asText())
            && ref.name().equals(read.at("/metadata/name").asText())
            && !read.at("/metadata/resourceVersion").asText("").isEmpty();
    if (asRead) {
      finalizers.addTo(VIRTUAL_MACHINE, ref, finalizer, read);
    } else {
      addFinalizer(ref, finalizer);
    }
  }

  @Override
  public void removeFinalizer(ObjectRef object, String finalizer) {
    finalizers.remove(resourceOf(object), object, finalizer);
  }

  @Override
  public void markInRecovery(ObjectRef object, String taskId) {
    recovery.add(resourceOf(object), object, taskId);
  }

  @Override
  public void clearInRecovery(ObjectRef object, String taskId) {
    recovery.remove(resourceOf(object), object, taskId);
  }

  @Override
  public void setInRecovery(ObjectRef object, Set<String> taskIds) {
    recovery.set(resourceOf(object), object, taskIds);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The VM is not read: whether it can be cloned is judged on the VM as the clone read it
   * before, and again on the VM the snapshot recorded ({@link KubeVirtTargetPlanning}). A missing
   * VM is left for KubeVirt to report (the snapshot fails).
   */
  @Override
  public SnapshotState ensureSnapshot(
      String namespace, String name, String vmName, Ownership owner) {
    return snapshots.ensure(namespace, name, vmName, owner);
  }

  @Override
  public Optional<SnapshotState> readSnapshot(String namespace, String name) {
    return snapshots.read(namespace, name);
  }

  @Override
  public void deleteSnapshot(String namespace, String name, Ownership owner) {
    owned.deleteIfOurs(VIRTUAL_MACHINE_SNAPSHOT, namespace, name, owner);
  }

  @Override
  public DiskCopyState ensureDiskCopy(DiskCopyRequest request) {
    return dataVolumes.ensure(request);
  }

  @Override
  public Optional<DiskCopyState> findDiskCopy(String namespace, String name, Ownership owner) {
    return dataVolumes.find(namespace, name, owner);
  }

  @Override
  public void deleteDiskCopy(String namespace, String name, Ownership owner) {
    owned.deleteIfOurs(DATA_VOLUME, namespace, name, owner);
  }

  @Override
  public VmCreation createVm(ObjectNode manifest, Ownership owner) {
    return vms.create(manifest, owner);
  }

  @Override
  public void deleteVm(String namespace, String name, Ownership owner) {
    owned.deleteIfOurs(VIRTUAL_MACHINE, namespace, name, owner);
  }

  @Override
  public Optional<VmState> setRunStrategy(
      String namespace, String name, String uid, RunStrategy strategy) {
    return vms.setRunStrategy(namespace, name, uid, strategy);
  }

  private SourceObject snapshotSource(ObjectRef source, ObjectNode snapshot) {
    SnapshotState state = snapshots.state(snapshot);
    boolean ready = state.phase() == SnapshotState.Phase.READY;
    return new SourceObject(
        source, uid(snapshot), Labels.of(snapshot), ready ? state.vm() : null, ready);
  }

  private static KubeVirtResource resourceOf(ObjectRef object) {
    return KubeVirtResource.forKind(object.kind())
        .orElseThrow(
            () -> new IllegalArgumentException("not a KubeVirt or CDI kind: " + object.kind()));
  }

  private static String uid(JsonNode object) {
    return object.at("/metadata/uid").asText(null);
  }
}
