package io.vmclone.operator.platform.kubevirt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Gives the target an identity of its own on the network and to its guest: new MAC addresses, a new
 * SMBIOS serial and no firmware UUID (KubeVirt then derives one from the new VM's name).
 *
 * <p>An interface the spec gives a MAC gets it; every other interface loses its {@code macAddress},
 * so that KubeVirt (or kube-mac-pool) assigns a new one: two VMs with one MAC on one network break
 * each other.
 */
final class TargetIdentity {

  private TargetIdentity() {}

  /** Rewrites interfaces and firmware of the target's spec in place. */
  static void apply(ObjectNode targetSpec, VirtualMachineCloneSpec spec, String defaultSerial) {
    ObjectNode domain = Manifests.ensureObject(targetSpec, "template", "spec", "domain");
    assignMacAddresses(Manifests.array(domain, "devices", "interfaces"), spec.getNewMacAddresses());
    ObjectNode firmware = Manifests.ensureObject(domain, "firmware");
    String serial = spec.getNewSMBiosSerial();
    firmware.put("serial", serial == null || serial.isEmpty() ? defaultSerial : serial);
    firmware.remove("uuid");
  }

  private static void assignMacAddresses(ArrayNode interfaces, Map<String, String> newMacs) {
    Map<String, String> macs = newMacs == null ? Map.of() : newMacs;
    List<String> names = new ArrayList<>();
    if (interfaces != null) {
      for (JsonNode node : interfaces) {
        if (node instanceof ObjectNode iface) {
          String name = Manifests.text(iface, "name");
          names.add(name);
          String mac = name == null ? null : macs.get(name);
          if (mac == null || mac.isEmpty()) {
            iface.remove("macAddress");
          } else {
            iface.put("macAddress", mac);
          }
        }
      }
    }
    TreeSet<String> unknown = new TreeSet<>(macs.keySet());
    unknown.removeAll(names);
    if (!unknown.isEmpty()) {
      throw Refusals.invalidSpec(
          "spec.newMacAddresses["
              + unknown.first()
              + "]: the source VM has no interface of that name (it has: "
              + (names.isEmpty() ? "none" : String.join(", ", names))
              + ")");
    }
  }
}
