package io.vmclone.crash;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging of the harness's own JVM (control plane launcher, simulator, PostgreSQL): warnings only,
 * on standard error, so that standard output carries the report. The test classpath routes SLF4J to
 * JBoss LogManager, which must then also be the JUL manager.
 */
public final class HarnessLogging {

  private HarnessLogging() {}

  /** Call before anything touches JUL. */
  public static void configure() {
    System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    Logger root = Logger.getLogger("");
    root.setLevel(Level.WARNING);
    // fabric8 warns once per v1beta1/v1alpha1 kind; that is KubeVirt's and our API as it is.
    Logger.getLogger("io.fabric8.kubernetes.client.dsl.internal").setLevel(Level.SEVERE);
    root.addHandler(
        new ConsoleHandler(
            ConsoleHandler.Target.SYSTEM_ERR,
            new PatternFormatter("%d{HH:mm:ss.SSS} %-5p [%c{1.}] %s%e%n")));
  }
}
