package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.DATA_VOLUME;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE_SNAPSHOT;
import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.VIRTUAL_MACHINE_SNAPSHOT_CONTENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.Reasons;
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
 */
@ApplicationScoped
public class KubeVirtPlatform implements VmPlatform {

  /**
   * Asks CDI to bind the copy's claim now even on WaitForFirstConsumer storage: a clone's target VM
   * is usually created halted, and nothing would ever consume the claim to trigger the copy.
   */
  static final String IMMEDIATE_BINDING = "cdi.kubevirt.io/storage.bind.immediate.requested";

  /**
   * Lets KubeVirt's VM controller adopt the copy as the DataVolume of the target's rewritten
   * dataVolumeTemplates entry (it then belongs to the VM and goes with it). KubeVirt marks the
   * DataVolumes it creates from templates the same way, and newer releases refuse to start a VM
   * whose template names an existing DataVolume without it.
   */
  static final String ALLOW_CLAIM_ADOPTION = "cdi.kubevirt.io/allowClaimAdoption";

  private final KubeApi api;
  private final VmLifecycle vms;
  private final Finalizers finalizers;
  private final RecoveryAnnotation recovery;

  @Inject
  public KubeVirtPlatform(KubernetesClient client) {
    this.api = new KubeApi(client);
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

  /**
   * {@inheritDoc}
   *
   * <p>Before creating the snapshot, the VM is checked with {@link Cloneability}: a VM that cannot
   * be cloned is refused with reason {@code SourceNotCloneable} and nothing is created. A missing
   * VM is left for KubeVirt to report (the snapshot fails).
   */
  @Override
  public SnapshotState ensureSnapshot(
      String namespace, String name, String vmName, Ownership owner) {
    Optional<ObjectNode> existing = api.get(VIRTUAL_MACHINE_SNAPSHOT, namespace, name);
    if (existing.isPresent()) {
      return ourSnapshotState(existing.get(), namespace, name, owner);
    }
    api.get(VIRTUAL_MACHINE, namespace, vmName).ifPresent(Cloneability::requireCloneable);
    ObjectNode snapshot =
        api.create(VIRTUAL_MACHINE_SNAPSHOT, snapshotManifest(namespace, name, vmName, owner))
            .or(() -> api.get(VIRTUAL_MACHINE_SNAPSHOT, namespace, name))
            .orElseThrow(() -> vanished(VIRTUAL_MACHINE_SNAPSHOT, namespace, name));
    return ourSnapshotState(snapshot, namespace, name, owner);
  }

  @Override
  public Optional<SnapshotState> readSnapshot(String namespace, String name) {
    return api.get(VIRTUAL_MACHINE_SNAPSHOT, namespace, name).map(this::snapshotState);
  }

  @Override
  public void deleteSnapshot(String namespace, String name, Ownership owner) {
    deleteIfOurs(VIRTUAL_MACHINE_SNAPSHOT, namespace, name, owner);
  }

  @Override
  public DiskCopyState ensureDiskCopy(DiskCopyRequest request) {
    ObjectNode dataVolume =
        api.get(DATA_VOLUME, request.namespace(), request.name())
            .or(() -> api.create(DATA_VOLUME, dataVolumeManifest(request)))
            .or(() -> api.get(DATA_VOLUME, request.namespace(), request.name()))
            .orElseThrow(() -> vanished(DATA_VOLUME, request.namespace(), request.name()));
    return diskCopyState(dataVolume, request.namespace(), request.name(), request.owner());
  }

  @Override
  public Optional<DiskCopyState> findDiskCopy(String namespace, String name, Ownership owner) {
    return api.get(DATA_VOLUME, namespace, name)
        .map(dataVolume -> diskCopyState(dataVolume, namespace, name, owner));
  }

  private static DiskCopyState diskCopyState(
      ObjectNode dataVolume, String namespace, String name, Ownership owner) {
    Refusals.requireOurs(
        DATA_VOLUME,
        dataVolume,
        namespace,
        name,
        owner,
        Reasons.NAME_CONFLICT,
        "task " + owner.taskId());
    return DiskCopyStates.of(dataVolume);
  }

  @Override
  public void deleteDiskCopy(String namespace, String name, Ownership owner) {
    deleteIfOurs(DATA_VOLUME, namespace, name, owner);
  }

  @Override
  public VmCreation createVm(ObjectNode manifest, Ownership owner) {
    return vms.create(manifest, owner);
  }

  @Override
  public void deleteVm(String namespace, String name, Ownership owner) {
    deleteIfOurs(VIRTUAL_MACHINE, namespace, name, owner);
  }

  @Override
  public Optional<VmState> setRunStrategy(
      String namespace, String name, String uid, RunStrategy strategy) {
    return vms.setRunStrategy(namespace, name, uid, strategy);
  }

  private SourceObject snapshotSource(ObjectRef source, ObjectNode snapshot) {
    SnapshotState state = snapshotState(snapshot);
    boolean ready = state.phase() == SnapshotState.Phase.READY;
    return new SourceObject(
        source, uid(snapshot), Labels.of(snapshot), ready ? state.vm() : null, ready);
  }

  private SnapshotState ourSnapshotState(
      ObjectNode snapshot, String namespace, String name, Ownership owner) {
    Refusals.requireOurs(
        VIRTUAL_MACHINE_SNAPSHOT,
        snapshot,
        namespace,
        name,
        owner,
        Reasons.NAME_CONFLICT,
        "this clone");
    return snapshotState(snapshot);
  }

  private SnapshotState snapshotState(ObjectNode snapshot) {
    String namespace = snapshot.at("/metadata/namespace").asText();
    Optional<ObjectNode> content =
        snapshot.at("/status/readyToUse").asBoolean(false)
            ? api.get(
                VIRTUAL_MACHINE_SNAPSHOT_CONTENT, namespace, SnapshotStates.contentName(snapshot))
            : Optional.empty();
    return SnapshotStates.of(snapshot, content);
  }

  private void deleteIfOurs(
      KubeVirtResource resource, String namespace, String name, Ownership owner) {
    api.deleteIf(resource, namespace, name, object -> Labels.isOurs(resource, object, owner));
  }

  private static KubeVirtResource resourceOf(ObjectRef object) {
    return KubeVirtResource.forKind(object.kind())
        .orElseThrow(
            () -> new IllegalArgumentException("not a KubeVirt or CDI kind: " + object.kind()));
  }

  private static ObjectNode snapshotManifest(
      String namespace, String name, String vmName, Ownership owner) {
    ObjectNode snapshot = manifest(VIRTUAL_MACHINE_SNAPSHOT, namespace, name, owner);
    snapshot
        .putObject("spec")
        .putObject("source")
        .put("apiGroup", "kubevirt.io")
        .put("kind", VIRTUAL_MACHINE.kind())
        .put("name", vmName);
    return snapshot;
  }

  private static ObjectNode dataVolumeManifest(DiskCopyRequest request) {
    ObjectNode dataVolume =
        manifest(DATA_VOLUME, request.namespace(), request.name(), request.owner());
    ((ObjectNode) dataVolume.get("metadata"))
        .withObjectProperty("annotations")
        .put(IMMEDIATE_BINDING, "true")
        .put(ALLOW_CLAIM_ADOPTION, "true");
    dataVolume.set("spec", request.spec().deepCopy());
    return dataVolume;
  }

  private static ObjectNode manifest(
      KubeVirtResource resource, String namespace, String name, Ownership owner) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("apiVersion", resource.apiVersion()).put("kind", resource.kind());
    object.putObject("metadata").put("name", name).put("namespace", namespace);
    Labels.mark(resource, object, owner);
    return object;
  }

  private static String uid(JsonNode object) {
    return object.at("/metadata/uid").asText(null);
  }

  /** Created or found a moment ago, gone now: someone deleted it; the caller retries. */
  private static KubernetesClientException vanished(
      KubeVirtResource resource, String namespace, String name) {
    return new KubernetesClientException(
        resource.kind() + " " + namespace + "/" + name + " vanished while being created");
  }
}
