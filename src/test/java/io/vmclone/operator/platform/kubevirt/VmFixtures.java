package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.platform.PlatformException;
import io.vmclone.operator.platform.SnapshotState.VolumeBackup;
import io.vmclone.operator.spec.ChildNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** VM manifests from {@code src/test/resources/vms} and requests built around them. */
final class VmFixtures {

  static final String CLONE_UID = "3f9c2b7a-1d4e-4c8b-9a6f-0e1d2c3b4a59";
  static final String TASK_ID = "9b2e4c1a-7f3d-4e8a-b6c5-d4e3f2a1b0c9";
  static final String TARGET_NAMESPACE = "clones";
  static final String TARGET_NAME = "web-copy";
  static final String DEFAULT_SERIAL = "vmclone-3f9c2b7a";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private VmFixtures() {}

  /** A manifest of {@code src/test/resources/vms/<name>.yaml}. */
  static ObjectNode vm(String name) {
    try (InputStream in = VmFixtures.class.getResourceAsStream("/vms/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("no test VM " + name);
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A clone spec of the VM with nothing else set. */
  static VirtualMachineCloneSpec cloneOf(ObjectNode vm) {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(
        new CloneSource(SourceKind.VirtualMachine, vm.get("metadata").get("name").asText(), null));
    return spec;
  }

  /** The request of a clone of the VM with one disk copy per volume that needs one. */
  static TargetVmRequest request(ObjectNode vm, VirtualMachineCloneSpec spec) {
    return new TargetVmRequest(
        vm, spec, TARGET_NAMESPACE, TARGET_NAME, TASK_ID, DEFAULT_SERIAL, copiesOf(vm));
  }

  /** The target of the clone of the VM with the spec. */
  static ObjectNode build(ObjectNode vm, VirtualMachineCloneSpec spec) {
    return TargetVmBuilder.build(request(vm, spec));
  }

  /** The refusal of building the target. */
  static PlatformException refusal(TargetVmRequest request) {
    return catchThrowableOfType(PlatformException.class, () -> TargetVmBuilder.build(request));
  }

  /** The copies the workflow would plan for the VM's snapshot. */
  static Map<String, DiskCopy> copiesOf(ObjectNode vm) {
    List<VolumeBackup> backups = new ArrayList<>();
    for (VolumeToCopy volume : VmVolumes.volumesToCopy(vm)) {
      backups.add(
          new VolumeBackup(
              volume.volumeName(), "vmsnapshot-volume-" + volume.volumeName(), storage("10Gi")));
    }
    String namespace = vm.get("metadata").get("namespace").asText();
    return DiskCopies.plan(v -> ChildNames.dataVolumeName(CLONE_UID, v), namespace, backups);
  }

  static ObjectNode storage(String size) {
    ObjectNode storage = YAML.createObjectNode();
    storage.putObject("resources").putObject("requests").put("storage", size);
    return storage;
  }

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The field names of an object, in order. */
  static List<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Every field name anywhere in the tree. */
  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    collectFieldNames(node, names);
    return names;
  }

  private static void collectFieldNames(JsonNode node, List<String> names) {
    node.properties()
        .forEach(
            entry -> {
              names.add(entry.getKey());
              collectFieldNames(entry.getValue(), names);
            });
    if (node.isArray()) {
      node.forEach(element -> collectFieldNames(element, names));
    }
  }
}
