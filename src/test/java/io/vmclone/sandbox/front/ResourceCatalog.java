package io.vmclone.sandbox.front;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every kind the front serves: the built-in ones plus one entry per served version of each CRD
 * stored in the mock API server. CRDs are read on every call, so a CRD applied with kubectl shows
 * up in discovery at once.
 */
final class ResourceCatalog {

  private final KubernetesClient mock;

  ResourceCatalog(KubernetesClient mock) {
    this.mock = mock;
  }

  List<ResourceType> all() {
    List<ResourceType> types = new ArrayList<>(BuiltinResources.all());
    for (CustomResourceDefinition crd :
        mock.apiextensions().v1().customResourceDefinitions().list().getItems()) {
      types.addAll(fromCrd(crd));
    }
    return types;
  }

  Optional<ResourceType> find(String group, String version, String plural) {
    return all().stream().filter(type -> type.matches(group, version, plural)).findFirst();
  }

  static List<ResourceType> fromCrd(CustomResourceDefinition crd) {
    CustomResourceDefinitionNames names = crd.getSpec().getNames();
    boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
    List<ResourceType> types = new ArrayList<>();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      if (Boolean.FALSE.equals(version.getServed())) {
        continue;
      }
      types.add(
          new ResourceType(
              crd.getSpec().getGroup(),
              version.getName(),
              names.getKind(),
              names.getPlural(),
              Objects.requireNonNullElse(
                  names.getSingular(), names.getKind().toLowerCase(java.util.Locale.ROOT)),
              namespaced,
              Objects.requireNonNullElse(names.getShortNames(), List.of()),
              Objects.requireNonNullElse(names.getCategories(), List.of()),
              columns(version),
              version.getSubresources() != null && version.getSubresources().getStatus() != null));
    }
    return types;
  }

  private static List<PrinterColumn> columns(CustomResourceDefinitionVersion version) {
    List<PrinterColumn> columns = new ArrayList<>();
    if (version.getAdditionalPrinterColumns() == null) {
      return columns;
    }
    for (CustomResourceColumnDefinition column : version.getAdditionalPrinterColumns()) {
      PrinterColumn plain =
          PrinterColumn.of(column.getName(), column.getType(), column.getJsonPath());
      columns.add(
          new PrinterColumn(
              column.getName(),
              column.getType(),
              Objects.requireNonNullElse(column.getFormat(), ""),
              Objects.requireNonNullElse(column.getDescription(), plain.description()),
              Objects.requireNonNullElse(column.getPriority(), 0),
              column.getJsonPath()));
    }
    return columns;
  }
}
