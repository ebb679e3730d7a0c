package io.vmclone.sandbox.front;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy (unaggregated) discovery documents kubectl reads: {@code /api}, {@code /apis}, {@code
 * /apis/GROUP}, {@code /api/v1} and {@code /apis/GROUP/VERSION}, built from a list of resource
 * types. kubectl 1.32 asks for aggregated discovery first and falls back to these when the answer
 * is plain {@code application/json}.
 */
final class DiscoveryDocuments {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DiscoveryDocuments() {}

  /** {@code /api}: the core group's versions. */
  static ObjectNode apiVersions(String serverAddress) {
    ObjectNode versions = JSON.objectNode();
    versions.put("kind", "APIVersions");
    versions.putArray("versions").add("v1");
    ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return versions;
  }

  /** {@code /apis}: every named group with its versions, the first one preferred. */
  static ObjectNode groupList(List<ResourceType> types) {
    ObjectNode list = JSON.objectNode();
    list.put("kind", "APIGroupList");
    list.put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    versionsByGroup(types).forEach((group, versions) -> groups.add(group(group, versions)));
    return list;
  }

  /** {@code /apis/GROUP}, if any type is in the group. */
  static Optional<ObjectNode> group(List<ResourceType> types, String group) {
    Set<String> versions = versionsByGroup(types).get(group);
    return versions == null ? Optional.empty() : Optional.of(group(group, versions));
  }

  /** {@code /api/v1} or {@code /apis/GROUP/VERSION}, if any type is served there. */
  static Optional<ObjectNode> resourceList(List<ResourceType> types, String group, String version) {
    List<ResourceType> served =
        types.stream().filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
    if (served.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode list = JSON.objectNode();
    list.put("kind", "APIResourceList");
    list.put("apiVersion", "v1");
    list.put("groupVersion", served.get(0).groupVersion());
    ArrayNode resources = list.putArray("resources");
    for (ResourceType type : served) {
      resources.add(resource(type));
      if (type.hasStatus()) {
        resources.add(statusSubresource(type));
      }
    }
    return Optional.of(list);
  }

  private static Map<String, Set<String>> versionsByGroup(List<ResourceType> types) {
    Map<String, Set<String>> versions = new LinkedHashMap<>();
    for (ResourceType type : types) {
      if (!type.group().isEmpty()) {
        versions.computeIfAbsent(type.group(), g -> new LinkedHashSet<>()).add(type.version());
      }
    }
    return versions;
  }

  private static ObjectNode group(String name, Set<String> versions) {
    ObjectNode group = JSON.objectNode();
    group.put("kind", "APIGroup");
    group.put("apiVersion", "v1");
    group.put("name", name);
    ArrayNode list = group.putArray("versions");
    for (String version : versions) {
      list.add(groupVersion(name, version));
    }
    group.set("preferredVersion", groupVersion(name, versions.iterator().next()));
    return group;
  }

  private static ObjectNode groupVersion(String group, String version) {
    ObjectNode node = JSON.objectNode();
    node.put("groupVersion", group + "/" + version);
    node.put("version", version);
    return node;
  }

  private static ObjectNode resource(ResourceType type) {
    ObjectNode resource = JSON.objectNode();
    resource.put("name", type.plural());
    resource.put("singularName", type.singular());
    resource.put("namespaced", type.namespaced());
    resource.put("kind", type.kind());
    ArrayNode verbs = resource.putArray("verbs");
    ResourceType.VERBS.forEach(verbs::add);
    if (!type.shortNames().isEmpty()) {
      ArrayNode shortNames = resource.putArray("shortNames");
      type.shortNames().forEach(shortNames::add);
    }
    if (!type.categories().isEmpty()) {
      ArrayNode categories = resource.putArray("categories");
      type.categories().forEach(categories::add);
    }
    return resource;
  }

  private static ObjectNode statusSubresource(ResourceType type) {
    ObjectNode status = JSON.objectNode();
    status.put("name", type.plural() + "/status");
    status.put("singularName", "");
    status.put("namespaced", type.namespaced());
    status.put("kind", type.kind());
    status.putArray("verbs").add("get").add("patch").add("update");
    return status;
  }
}
