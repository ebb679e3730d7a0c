package io.vmclone.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a kubeconfig with one cluster, one user and one context (all named after the context),
 * server over plain HTTP on the loopback interface, no credentials. The file is replaced
 * atomically, so a reader never sees half of it.
 */
public final class KubeconfigWriter {

  private KubeconfigWriter() {}

  public static void write(Path file, String context, URI server, String namespace)
      throws IOException {
    String yaml =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: " + context,
            "  cluster:",
            "    server: " + server.toString().replaceAll("/+$", ""),
            "users:",
            "- name: " + context,
            "  user: {}",
            "contexts:",
            "- name: " + context,
            "  context:",
            "    cluster: " + context,
            "    user: " + context,
            "    namespace: " + namespace,
            "current-context: " + context,
            "");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, yaml);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
