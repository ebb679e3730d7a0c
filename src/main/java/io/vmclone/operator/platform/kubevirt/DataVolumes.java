package io.vmclone.operator.platform.kubevirt;

import static io.vmclone.operator.platform.kubevirt.KubeVirtResource.DATA_VOLUME;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.Reasons;
import io.vmclone.operator.platform.DiskCopyRequest;
import io.vmclone.operator.platform.DiskCopyState;
import io.vmclone.operator.platform.Ownership;
import java.util.Optional;

/**
 * The CDI DataVolumes that copy disks (their specs are {@link DiskCopies}'): creating one, or
 * adopting ours of that name, and reading its state. One of that name that is not the task's is
 * refused with reason {@code NameConflict}.
 */
final class DataVolumes {

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
  private final OwnedObjects owned;

  DataVolumes(KubeApi api, OwnedObjects owned) {
    this.api = api;
    this.owned = owned;
  }

  DiskCopyState ensure(DiskCopyRequest request) {
    String namespace = request.namespace();
    String name = request.name();
    ObjectNode dataVolume =
        api.getIfOurs(DATA_VOLUME, namespace, name)
            .orElseGet(() -> owned.createOrGet(DATA_VOLUME, namespace, name, manifest(request)));
    return ourState(dataVolume, namespace, name, request.owner());
  }

  Optional<DiskCopyState> find(String namespace, String name, Ownership owner) {
    return api.getIfOurs(DATA_VOLUME, namespace, name)
        .map(dataVolume -> ourState(dataVolume, namespace, name, owner));
  }

  private static DiskCopyState ourState(
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

  private static ObjectNode manifest(DiskCopyRequest request) {
    ObjectNode dataVolume =
        OwnedObjects.manifest(DATA_VOLUME, request.namespace(), request.name(), request.owner());
    ((ObjectNode) dataVolume.get("metadata"))
        .withObjectProperty("annotations")
        .put(IMMEDIATE_BINDING, "true")
        .put(ALLOW_CLAIM_ADOPTION, "true");
    dataVolume.set("spec", request.spec().deepCopy());
    return dataVolume;
  }
}
