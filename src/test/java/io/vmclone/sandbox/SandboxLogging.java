package io.vmclone.sandbox;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging for the sandbox's processes: one line per record on standard output, in the operator's
 * format. The test classpath routes SLF4J (fabric8, zonky) to JBoss LogManager, which complains
 * unless it is also the JUL manager; so it becomes that, with a console handler of our own.
 */
final class SandboxLogging {

  private static final String FORMAT = "%d{HH:mm:ss.SSS} %-5p [%c{1.}] (%t) %s%e%n";

  private SandboxLogging() {}

  /** Call from a static initializer of the main class, before anything touches JUL. */
  static void configure() {
    System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    root.addHandler(
        new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT, new PatternFormatter(FORMAT)));
  }
}
