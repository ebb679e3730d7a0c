package io.vmclone.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Fills a fresh API server: CRDs from directories of YAML files, namespaces, and sample objects.
 * Every write is create-or-update, so seeding twice changes nothing.
 */
public final class ClusterSeeder {

  private final KubernetesClient client;

  public ClusterSeeder(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Stores every CustomResourceDefinition found in the YAML files of a directory and waits until
   * the API server serves them (condition Established).
   */
  public List<String> storeCrds(Path directory) throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (HasMetadata item : load(directory)) {
      if (item instanceof CustomResourceDefinition crd) {
        crds.add(crd);
      }
    }
    return storeCrds(crds);
  }

  /** Stores these CRDs and waits until the API server serves them (condition Established). */
  public List<String> storeCrds(List<CustomResourceDefinition> crds) {
    for (CustomResourceDefinition crd : crds) {
      client.resource(crd).unlock().createOr(NonDeletingOperation::update);
    }
    for (CustomResourceDefinition crd : crds) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd.getMetadata().getName())
          .waitUntilCondition(ClusterSeeder::established, 30, TimeUnit.SECONDS);
    }
    return crds.stream().map(crd -> crd.getMetadata().getName()).toList();
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True"));
  }

  public void ensureNamespace(String name) {
    client
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .createOr(NonDeletingOperation::update);
  }

  /**
   * Creates (or updates) every object of the YAML files under a directory, in file name order.
   * Objects without a namespace go to {@code default}.
   */
  public List<String> apply(Path directory) throws IOException {
    List<String> applied = new ArrayList<>();
    for (HasMetadata item : load(directory)) {
      client.resource(item).unlock().createOr(NonDeletingOperation::update);
      applied.add(item.getKind() + "/" + item.getMetadata().getName());
    }
    return applied;
  }

  private List<HasMetadata> load(Path directory) throws IOException {
    List<HasMetadata> items = new ArrayList<>();
    for (Path file : yamlFiles(directory)) {
      try (InputStream in = Files.newInputStream(file)) {
        items.addAll(client.load(in).items());
      }
    }
    return items;
  }

  private static List<Path> yamlFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
