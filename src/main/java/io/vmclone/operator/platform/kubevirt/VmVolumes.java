package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.kubevirt.VolumeToCopy.Backing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a clone treats each kind of KubeVirt volume ({@code spec.template.spec.volumes[*]}).
 *
 * <ul>
 *   <li>{@code persistentVolumeClaim} and {@code dataVolume}: the disk is copied into a new
 *       DataVolume and the target's volume points at it.
 *   <li>{@link #SHARED_AS_IS}: volumes whose content is not a disk of the VM's own (an image, a
 *       cloud-init payload, a ConfigMap, a scratch disk, a read-only base under an ephemeral
 *       overlay...): the target gets the same volume. References to ConfigMaps, Secrets and
 *       ephemeral base claims are by name, so a clone into another namespace needs them there.
 *   <li>anything else ({@code hostDisk}, {@code memoryDump}, kinds this operator does not know):
 *       the source is refused by {@link Cloneability}.
 * </ul>
 */
final class VmVolumes {

  /** Volume kinds the target gets unchanged. */
  static final Set<String> SHARED_AS_IS =
      Set.of(
          "containerDisk",
          "cloudInitNoCloud",
          "cloudInitConfigDrive",
          "configMap",
          "secret",
          "serviceAccount",
          "emptyDisk",
          "downwardAPI",
          "downwardMetrics",
          "sysprep",
          "ephemeral");

  private VmVolumes() {}

  /**
   * The volumes of a VM manifest whose disks a clone copies (backed by a PersistentVolumeClaim or a
   * DataVolume), in the manifest's order.
   */
  static List<VolumeToCopy> volumesToCopy(ObjectNode vm) {
    List<VolumeToCopy> result = new ArrayList<>();
    for (JsonNode volume : volumes(vm)) {
      backing(volume)
          .ifPresent(
              backing ->
                  result.add(
                      new VolumeToCopy(
                          Manifests.text(volume, "name"), backing, sourceName(volume, backing))));
    }
    return result;
  }

  /** The volumes of a VM manifest, or an empty array. */
  static ArrayNode volumes(JsonNode vm) {
    ArrayNode volumes = Manifests.array(vm, "spec", "template", "spec", "volumes");
    return volumes == null ? JsonNodeFactory.instance.arrayNode() : volumes;
  }

  /** What backs a volume, if it is a volume whose disk is copied. */
  static Optional<Backing> backing(JsonNode volume) {
    for (Backing backing : Backing.values()) {
      if (volume.get(backing.field()) instanceof ObjectNode) {
        return Optional.of(backing);
      }
    }
    return Optional.empty();
  }

  /** The claim's or DataVolume's name of a copied volume. */
  static String sourceName(JsonNode volume, Backing backing) {
    String field = backing == Backing.PERSISTENT_VOLUME_CLAIM ? "claimName" : "name";
    return Manifests.text(volume, backing.field(), field);
  }
}
