package io.vmclone.sandbox.front;

import java.util.List;

/**
 * The built-in kinds the sandbox serves besides the stored CRDs: the core/v1 resources users and
 * the operator touch, coordination.k8s.io leases (leader election) and the CRDs themselves. The
 * columns are a short version of what the real API server prints for them.
 */
final class BuiltinResources {

  private BuiltinResources() {}

  static List<ResourceType> all() {
    return List.of(
        core("Namespace", "namespaces", false, List.of("ns"), List.of(), status()),
        core("Event", "events", true, List.of("ev"), List.of(), eventColumns()),
        core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), List.of()),
        core("Secret", "secrets", true, List.of(), List.of(), secretColumns()),
        core("ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), List.of()),
        core("Pod", "pods", true, List.of("po"), List.of("all"), podColumns()),
        core(
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            true,
            List.of("pvc"),
            List.of(),
            pvcColumns()),
        new ResourceType(
            "coordination.k8s.io",
            "v1",
            "Lease",
            "leases",
            "lease",
            true,
            List.of(),
            List.of(),
            List.of(
                PrinterColumn.of("Holder", "string", ".spec.holderIdentity"), PrinterColumn.age()),
            false),
        new ResourceType(
            "apiextensions.k8s.io",
            "v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            "customresourcedefinition",
            false,
            List.of("crd", "crds"),
            List.of(),
            List.of(PrinterColumn.of("Created At", "date", ".metadata.creationTimestamp")),
            true));
  }

  private static ResourceType core(
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories,
      List<PrinterColumn> columns) {
    return new ResourceType(
        "",
        "v1",
        kind,
        plural,
        kind.toLowerCase(java.util.Locale.ROOT),
        namespaced,
        shortNames,
        categories,
        columns,
        !plural.equals("configmaps") && !plural.equals("secrets") && !plural.equals("events"));
  }

  private static List<PrinterColumn> status() {
    return List.of(PrinterColumn.of("Status", "string", ".status.phase"), PrinterColumn.age());
  }

  private static List<PrinterColumn> eventColumns() {
    return List.of(
        PrinterColumn.of("Last Seen", "date", ".lastTimestamp"),
        PrinterColumn.of("Type", "string", ".type"),
        PrinterColumn.of("Reason", "string", ".reason"),
        PrinterColumn.of("Object", "string", ".involvedObject.name"),
        PrinterColumn.of("Message", "string", ".message"));
  }

  private static List<PrinterColumn> secretColumns() {
    return List.of(PrinterColumn.of("Type", "string", ".type"), PrinterColumn.age());
  }

  private static List<PrinterColumn> podColumns() {
    return List.of(
        PrinterColumn.of("Status", "string", ".status.phase"),
        PrinterColumn.of("Node", "string", ".spec.nodeName"),
        PrinterColumn.age());
  }

  private static List<PrinterColumn> pvcColumns() {
    return List.of(
        PrinterColumn.of("Status", "string", ".status.phase"),
        PrinterColumn.of("Volume", "string", ".spec.volumeName"),
        PrinterColumn.of("Capacity", "string", ".status.capacity.storage"),
        PrinterColumn.age());
  }
}
