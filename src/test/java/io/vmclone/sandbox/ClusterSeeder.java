package io.vmclone.sandbox;

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

  /** Stores every CustomResourceDefinition found in the YAML files of a directory. */
  public List<String> storeCrds(Path directory) throws IOException {
    List<String> names = new ArrayList<>();
    for (HasMetadata item : load(directory)) {
      if (item instanceof CustomResourceDefinition crd) {
        client.resource(crd).unlock().createOr(NonDeletingOperation::update);
        names.add(crd.getMetadata().getName());
      }
    }
    return names;
  }

  public void ensureNamespace(String name) {
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withPhase("Active")
                .endStatus()
                .build())
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
