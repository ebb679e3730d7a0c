package io.vmclone.controlplane;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Writes a kubeconfig for one server on the loopback interface: one context per user with that
 * user's bearer token (the first context is the current one), over HTTPS with the control plane's
 * CA. The file is replaced atomically, so a reader never sees half of it, and is readable by its
 * owner only.
 */
public final class KubeconfigWriter {

  /** A context of the kubeconfig and the bearer token its user sends. */
  public record Context(String name, String token) {}

  /**
   * The one cluster of the kubeconfig.
   *
   * @param caPem the server's certificate authority (PEM) for an HTTPS server; empty for HTTP
   */
  public record Cluster(String name, URI server, Optional<String> caPem) {}

  private KubeconfigWriter() {}

  /** One context per user, all on this cluster; the first is current. */
  public static void write(Path file, Cluster cluster, String namespace, List<Context> contexts)
      throws IOException {
    if (contexts.isEmpty()) {
      throw new IllegalArgumentException("a kubeconfig needs at least one context");
    }
    replace(file, yaml(cluster, namespace, contexts));
  }

  private static String yaml(Cluster cluster, String namespace, List<Context> contexts) {
    List<String> lines = new ArrayList<>();
    lines.add("apiVersion: v1");
    lines.add("kind: Config");
    lines.add("clusters:");
    lines.add("- name: " + cluster.name());
    lines.add("  cluster:");
    lines.add("    server: " + cluster.server().toString().replaceAll("/+$", ""));
    cluster
        .caPem()
        .ifPresent(
            pem ->
                lines.add(
                    "    certificate-authority-data: "
                        + Base64.getEncoder()
                            .encodeToString(pem.getBytes(StandardCharsets.US_ASCII))));
    lines.add("users:");
    for (Context context : contexts) {
      lines.add("- name: " + context.name());
      lines.add(
          context.token().isEmpty() ? "  user: {}" : "  user:\n    token: " + context.token());
    }
    lines.add("contexts:");
    for (Context context : contexts) {
      lines.add("- name: " + context.name());
      lines.add("  context:");
      lines.add("    cluster: " + cluster.name());
      lines.add("    user: " + context.name());
      lines.add("    namespace: " + namespace);
    }
    lines.add("current-context: " + contexts.get(0).name());
    lines.add("");
    return String.join("\n", lines);
  }

  /** Written to a file only its owner may read, from its first byte, then moved in place. */
  private static void replace(Path file, String yaml) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Files.createFile(
        temporary,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temporary, yaml);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
