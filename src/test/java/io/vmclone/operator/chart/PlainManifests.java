package io.vmclone.operator.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The plain manifests of {@code k8s/}, rendered from the chart: one file per template, the CRD, the
 * namespace, and a {@code Kustomization} listing them.
 *
 * <p>Rendered with cert-manager issuing the webhook certificate (a certificate generated at render
 * time would change on every render and could not be committed) and with the database password in a
 * Secret the installer creates (a generated password must never be committed either).
 */
final class PlainManifests {

  static final Path DIRECTORY = Path.of("k8s");
  static final String KUSTOMIZATION = "Kustomization";

  static final Map<String, String> VALUES =
      Map.of(
          "webhook.certManager.enabled",
          "true",
          "postgresql.auth.existingSecret",
          HelmChart.RELEASE + "-postgresql");

  private static final String NAMESPACE_FILE = "00-namespace.yaml";
  private static final String CRD_FILE = "crd-virtualmachineclones.vmclone.io.yaml";

  private PlainManifests() {}

  /** File name to content. */
  static SortedMap<String, String> render(HelmChart chart) {
    SortedMap<String, String> files = new TreeMap<>();
    files.put(NAMESPACE_FILE, header("a namespace for the plain manifests") + namespace());
    files.put(CRD_FILE, header("crds/ (the chart's crds/ holds the same file)") + crd());
    byTemplate(chart.render(VALUES))
        .forEach(
            (template, documents) ->
                files.put(
                    template.substring("templates/".length()),
                    header("helm/vmclone-operator/" + template) + String.join("---\n", documents)));
    files.put(
        KUSTOMIZATION, header("the list of the files beside it") + kustomization(files.keySet()));
    return files;
  }

  /** The command that writes {@code k8s/} again. */
  static String howToRegenerate() {
    return "scripts/render-manifests";
  }

  private static Map<String, List<String>> byTemplate(Rendering rendering) {
    Map<String, List<String>> documents = new LinkedHashMap<>();
    for (RenderedObject object : rendering.objects()) {
      String body =
          object
              .yaml()
              .replaceFirst("(?m)^# Source: .*\\n", "")
              .replace(
                  "app.kubernetes.io/managed-by: Helm", "app.kubernetes.io/managed-by: kubectl")
              .strip();
      documents.computeIfAbsent(object.source(), source -> new ArrayList<>()).add(body + "\n");
    }
    return documents;
  }

  private static String header(String source) {
    return "# Generated from "
        + source
        + " by "
        + howToRegenerate()
        + ": edit the chart, not this file.\n";
  }

  private static String namespace() {
    return """
    apiVersion: v1
    kind: Namespace
    metadata:
      name: %s
      labels:
        # Every pod of the operator and its database meets the restricted standard.
        pod-security.kubernetes.io/enforce: restricted
        pod-security.kubernetes.io/warn: restricted
    """
        .formatted(HelmChart.NAMESPACE);
  }

  private static String crd() {
    try (var files = Files.list(Path.of("crds"))) {
      List<Path> crds = files.sorted().toList();
      List<String> contents = new ArrayList<>();
      for (Path crd : crds) {
        contents.add(Files.readString(crd));
      }
      return String.join("---\n", contents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kustomization(Iterable<String> files) {
    StringBuilder resources = new StringBuilder();
    for (String file : files) {
      resources.append("  - ").append(file).append('\n');
    }
    return """
    # kubectl apply -k k8s/ reads this file; kubectl apply -f k8s/ skips it (no .yaml suffix).
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources:
    """
        + resources;
  }
}
