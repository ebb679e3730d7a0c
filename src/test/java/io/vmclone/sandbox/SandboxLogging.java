package io.vmclone.sandbox;

/** One-line log records for the sandbox's processes (their logs are read by people). */
final class SandboxLogging {

  private SandboxLogging() {}

  /** Call first in main, before anything logs: the format is read once. */
  static void configure() {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n");
  }
}
