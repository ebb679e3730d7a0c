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
 * Writes a kubeconfig for one server on the loopback interface: either one context without
 * credentials (plain HTTP), or one context per user with that user's bearer token (the first
 * context is the current one), usually over HTTPS with the server's certificate as CA. The file is
 * replaced atomically, so a reader never sees half of it, and is readable by its owner only when it
 * holds tokens.
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

  /** One context, cluster and user, all named after the context, with no credentials. */
  public static void write(Path file, String context, URI server, String namespace)
      throws IOException {
    Cluster cluster = new Cluster(context, server, Optional.empty());
    replace(file, yaml(cluster, namespace, List.of(new Context(context, ""))), false);
  }

  /**
   * The operator's kubeconfig for a plain HTTP server: one context whose user sends a placeholder
   * bearer token the mock ignores. Without any token fabric8's TokenRefreshInterceptor, once a
   * minute has passed, reads and parses the kubeconfig again before every request (it moves its
   * refresh time only when it finds a token): a third of the operator's CPU in the benchmark.
   */
  public static void writeForOperator(Path file, String context, URI server, String namespace)
      throws IOException {
    write(
        file,
        new Cluster(context, server, Optional.empty()),
        namespace,
        List.of(new Context(context, "placeholder-" + context)));
  }

  /** One context per user, all on this cluster; the first is current. */
  public static void write(Path file, Cluster cluster, String namespace, List<Context> contexts)
      throws IOException {
    if (contexts.isEmpty()) {
      throw new IllegalArgumentException("a kubeconfig needs at least one context");
    }
    replace(file, yaml(cluster, namespace, contexts), true);
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

  private static void replace(Path file, String yaml, boolean secret) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, yaml);
    if (secret) {
      try {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // a file system without owners; the tokens are sandbox-only anyway
      }
    }
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
