package io.vmclone.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small KubeVirt and CDI manifests for tests, as Jackson trees. */
public final class KubeVirtManifests {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private KubeVirtManifests() {}

  /**
   * A VM with four volumes: {@code rootdisk} from a dataVolumeTemplate {@code <name>-root} of 30Gi
   * (storage class {@code fast}), {@code datadisk} on the PVC {@code <name>-data}, a containerDisk
   * and a cloud-init disk.
   */
  public static ObjectNode vm(String namespace, String name, String runStrategy) {
    ObjectNode vm = object(KubeVirtKind.VIRTUAL_MACHINE, namespace, name);
    ((ObjectNode) vm.get("metadata")).putObject("labels").put("app", name);
    ObjectNode spec = vm.putObject("spec");
    if (runStrategy != null) {
      spec.put("runStrategy", runStrategy);
    }
    ObjectNode template = spec.putArray("dataVolumeTemplates").addObject();
    template.putObject("metadata").put("name", name + "-root");
    ObjectNode dvSpec = template.putObject("spec");
    dvSpec.putObject("source").putObject("blank");
    ObjectNode storage = dvSpec.putObject("storage").put("storageClassName", "fast");
    storage.putObject("resources").putObject("requests").put("storage", "30Gi");
    ObjectNode podSpec = spec.putObject("template").putObject("spec");
    podSpec.putObject("domain").putObject("devices");
    ArrayNode volumes = podSpec.putArray("volumes");
    volumes.addObject().put("name", "rootdisk").putObject("dataVolume").put("name", name + "-root");
    volumes
        .addObject()
        .put("name", "datadisk")
        .putObject("persistentVolumeClaim")
        .put("claimName", name + "-data");
    volumes
        .addObject()
        .put("name", "containerdisk")
        .putObject("containerDisk")
        .put("image", "quay.io/kubevirt/cirros-container-disk-demo");
    volumes
        .addObject()
        .put("name", "cloudinitdisk")
        .putObject("cloudInitNoCloud")
        .put("userData", "#cloud-config\n");
    return vm;
  }

  /** A snapshot of the VM of that name, as a user would write it. */
  public static ObjectNode snapshot(String namespace, String name, String vmName) {
    ObjectNode snapshot = object(KubeVirtKind.VIRTUAL_MACHINE_SNAPSHOT, namespace, name);
    snapshot
        .putObject("spec")
        .putObject("source")
        .put("apiGroup", "kubevirt.io")
        .put("kind", "VirtualMachine")
        .put("name", vmName);
    return snapshot;
  }

  /** A DataVolume cloning a VolumeSnapshot into a claim of the given size. */
  public static ObjectNode dataVolume(String namespace, String name, String size) {
    ObjectNode dataVolume = object(KubeVirtKind.DATA_VOLUME, namespace, name);
    dataVolume.set("spec", dataVolumeSpec(namespace, "some-volume-snapshot", size));
    return dataVolume;
  }

  /** A DataVolume spec cloning the VolumeSnapshot into a claim of the given size. */
  public static ObjectNode dataVolumeSpec(String namespace, String volumeSnapshot, String size) {
    ObjectNode spec = JSON.objectNode();
    spec.putObject("source")
        .putObject("snapshot")
        .put("namespace", namespace)
        .put("name", volumeSnapshot);
    spec.putObject("storage").putObject("resources").putObject("requests").put("storage", size);
    return spec;
  }

  /** A PersistentVolumeClaim of the given size. */
  public static ObjectNode claim(String namespace, String name, String size) {
    ObjectNode claim =
        JSON.objectNode().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
    claim.putObject("metadata").put("namespace", namespace).put("name", name);
    ObjectNode spec = claim.putObject("spec");
    spec.putArray("accessModes").add("ReadWriteMany");
    spec.put("storageClassName", "shared");
    spec.putObject("resources").putObject("requests").put("storage", size);
    return claim;
  }

  private static ObjectNode object(KubeVirtKind kind, String namespace, String name) {
    ObjectNode object =
        JSON.objectNode().put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
    object.putObject("metadata").put("namespace", namespace).put("name", name);
    return object;
  }
}
