package io.vmclone.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a kubeconfig for one server over plain HTTP on the loopback interface: either one context
 * without credentials, or one context per user with that user's bearer token (the first context is
 * the current one). The file is replaced atomically, so a reader never sees half of it, and is
 * readable by its owner only when it holds tokens.
 */
public final class KubeconfigWriter {

  /** A context of the kubeconfig and the bearer token its user sends. */
  public record Context(String name, String token) {}

  private KubeconfigWriter() {}

  /** One context, cluster and user, all named after the context, with no credentials. */
  public static void write(Path file, String context, URI server, String namespace)
      throws IOException {
    replace(file, yaml(context, server, namespace, List.of(new Context(context, ""))), false);
  }

  /** One context per user, all on the cluster named {@code cluster}; the first is current. */
  public static void write(
      Path file, String cluster, URI server, String namespace, List<Context> contexts)
      throws IOException {
    if (contexts.isEmpty()) {
      throw new IllegalArgumentException("a kubeconfig needs at least one context");
    }
    replace(file, yaml(cluster, server, namespace, contexts), true);
  }

  private static String yaml(String cluster, URI server, String namespace, List<Context> contexts) {
    List<String> lines = new ArrayList<>();
    lines.add("apiVersion: v1");
    lines.add("kind: Config");
    lines.add("clusters:");
    lines.add("- name: " + cluster);
    lines.add("  cluster:");
    lines.add("    server: " + server.toString().replaceAll("/+$", ""));
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
      lines.add("    cluster: " + cluster);
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
