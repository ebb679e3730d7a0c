package io.vmclone.crash;

import io.vmclone.controlplane.FreePorts;
import java.util.HashSet;
import java.util.Set;

/**
 * Free ports for servers that bind them later (an operator's HTTP and webhook ports), never the
 * same one twice in a run: {@link FreePorts} only finds a port nobody listens on now, so two ports
 * asked for before either is bound may be the same one.
 */
final class HarnessPorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private HarnessPorts() {}

  static synchronized int next() {
    while (true) {
      int port = FreePorts.next();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }
}
