package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.operator.platform.kubevirt.VolumeToCopy.Backing;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Points the target's volumes at the disk copies.
 *
 * <p>Every volume backed by a claim or a DataVolume becomes {@code dataVolume: {name: <copy>}}
 * (keeping {@code hotpluggable}). Each {@code dataVolumeTemplates} entry of a copied DataVolume is
 * renamed to the copy and given the copy's spec and the task label: should the copy ever be
 * missing, KubeVirt recreates the same copy rather than the source's original (an empty disk or a
 * fresh import). Templates no copied volume uses are dropped. Other volumes stay as they are.
 */
final class TargetVolumes {

  private TargetVolumes() {}

  /** Rewrites volumes and dataVolumeTemplates of the target's spec in place. */
  static void pointAtCopies(ObjectNode targetSpec, Map<String, DiskCopy> copies, String taskId) {
    Map<String, DiskCopy> copiesByDataVolume = new HashMap<>();
    ArrayNode volumes = Manifests.array(targetSpec, "template", "spec", "volumes");
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      JsonNode volume = volumes.get(i);
      Optional<Backing> backing = VmVolumes.backing(volume);
      if (backing.isEmpty()) {
        continue;
      }
      DiskCopy copy = copyOf(volume, backing.get(), copies);
      if (backing.get() == Backing.DATA_VOLUME) {
        copiesByDataVolume.put(VmVolumes.sourceName(volume, backing.get()), copy);
      }
      volumes.set(i, copiedVolume(volume, backing.get(), copy));
    }
    rewriteTemplates(targetSpec, copiesByDataVolume, taskId);
  }

  private static DiskCopy copyOf(JsonNode volume, Backing backing, Map<String, DiskCopy> copies) {
    String name = Manifests.text(volume, "name");
    DiskCopy copy = copies.get(name);
    if (copy == null) {
      throw Refusals.sourceNotCloneable(
          "volume "
              + name
              + " ("
              + backing.field()
              + " "
              + VmVolumes.sourceName(volume, backing)
              + ") has no disk copy: the snapshot holds no backup of it (does its storage class"
              + " support volume snapshots?)");
    }
    return copy;
  }

  private static ObjectNode copiedVolume(JsonNode volume, Backing backing, DiskCopy copy) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("name", Manifests.text(volume, "name"));
    ObjectNode dataVolume = result.putObject("dataVolume");
    dataVolume.put("name", copy.dataVolumeName());
    JsonNode hotpluggable = volume.get(backing.field()).get("hotpluggable");
    if (hotpluggable != null) {
      dataVolume.set("hotpluggable", hotpluggable.deepCopy());
    }
    return result;
  }

  private static void rewriteTemplates(
      ObjectNode targetSpec, Map<String, DiskCopy> copiesByDataVolume, String taskId) {
    ArrayNode templates = Manifests.array(targetSpec, "dataVolumeTemplates");
    if (templates == null) {
      return;
    }
    ArrayNode kept = targetSpec.arrayNode();
    for (JsonNode template : templates) {
      DiskCopy copy = copiesByDataVolume.get(Manifests.text(template, "metadata", "name"));
      if (copy != null && template instanceof ObjectNode object) {
        ObjectNode rewritten = object.deepCopy();
        ObjectNode metadata = Manifests.ensureObject(rewritten, "metadata");
        metadata.put("name", copy.dataVolumeName());
        Manifests.ensureObject(metadata, "labels").put(VmPlatform.TASK_LABEL, taskId);
        rewritten.set("spec", copy.dataVolumeSpec().deepCopy());
        kept.add(rewritten);
      }
    }
    if (kept.isEmpty()) {
      targetSpec.remove("dataVolumeTemplates");
    } else {
      targetSpec.set("dataVolumeTemplates", kept);
    }
  }
}
