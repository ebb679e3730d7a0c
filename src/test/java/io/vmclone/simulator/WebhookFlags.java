package io.vmclone.simulator;

import io.vmclone.controlplane.Pki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's webhook flags: serve KubeVirt's and CDI's admission rules on {@code
 * --webhook-port} with the serving certificate {@code --tls-cert}/{@code --tls-key} (PEM) that the
 * CA {@code --ca} (PEM) signed, and register them for every namespace, or only for those labelled
 * {@value io.vmclone.simulator.webhook.SimulatorWebhooks#NAMESPACE_LABEL}={@code
 * --webhook-namespace-label}.
 */
record WebhookFlags(
    int port, Path certificate, Path key, Path ca, Optional<String> namespaceLabel) {

  static final String PORT = "--webhook-port";
  static final String CERT = "--tls-cert";
  static final String KEY = "--tls-key";
  static final String CA = "--ca";
  static final String NAMESPACE_LABEL = "--webhook-namespace-label";

  /** The webhook flags of the command line, if {@value #PORT} is given; all or none. */
  static Optional<WebhookFlags> from(Map<String, String> flags) {
    if (!flags.containsKey(PORT)) {
      for (String other : new String[] {CERT, KEY, CA, NAMESPACE_LABEL}) {
        if (flags.containsKey(other)) {
          throw new IllegalArgumentException(other + " needs " + PORT);
        }
      }
      return Optional.empty();
    }
    for (String needed : new String[] {CERT, KEY, CA}) {
      if (!flags.containsKey(needed)) {
        throw new IllegalArgumentException(PORT + " needs " + needed);
      }
    }
    int port;
    try {
      port = Integer.parseInt(flags.get(PORT));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PORT + " needs a port number: " + flags.get(PORT));
    }
    return Optional.of(
        new WebhookFlags(
            port,
            Path.of(flags.get(CERT)),
            Path.of(flags.get(KEY)),
            Path.of(flags.get(CA)),
            Optional.ofNullable(flags.get(NAMESPACE_LABEL))));
  }

  Pki.KeyAndCertificate serving() {
    return new Pki.KeyAndCertificate(read(certificate), read(key));
  }

  String caPem() {
    return read(ca);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
