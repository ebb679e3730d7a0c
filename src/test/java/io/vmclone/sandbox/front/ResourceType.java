package io.vmclone.sandbox.front;

import java.util.List;

/**
 * A kind of resource the front knows: what discovery lists and how tables print it.
 *
 * @param group the API group; empty for the core group
 * @param columns the printer columns after Name; never empty (at least Age)
 */
record ResourceType(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories,
    List<PrinterColumn> columns,
    boolean hasStatus) {

  static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  ResourceType {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    columns = columns.isEmpty() ? List.of(PrinterColumn.age()) : List.copyOf(columns);
  }

  /** {@code v1} for the core group, else {@code group/version}. */
  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code plural.group}, as error messages and kubectl name a resource. */
  String qualifiedPlural() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  boolean matches(String group, String version, String plural) {
    return this.group.equals(group) && this.version.equals(version) && this.plural.equals(plural);
  }
}
