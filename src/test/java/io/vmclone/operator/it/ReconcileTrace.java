package io.vmclone.operator.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which reconciles java-operator-sdk finished while the trace was on: its event processor's DEBUG
 * line per finished reconcile ({@code Event processing finished. Scope: ExecutionScope{resource=
 * ResourceID{name='..', namespace='..'}, ...}}), switched on for a while and read from the test
 * log. A reconcile that changes nothing leaves no other trace, in the cluster or in the database.
 */
final class ReconcileTrace implements AutoCloseable {

  private static final String CATEGORY =
      "io.javaoperatorsdk.operator.processing.event.EventProcessor";
  private static final Path LOG = Path.of("target", "quarkus-test.log");

  private final Logger logger;
  private final Level before;
  private final int linesBefore;

  private ReconcileTrace(Logger logger, Level before, int linesBefore) {
    this.logger = logger;
    this.before = before;
    this.linesBefore = linesBefore;
  }

  static ReconcileTrace start() {
    Logger logger = Logger.getLogger(CATEGORY);
    ReconcileTrace trace = new ReconcileTrace(logger, logger.getLevel(), lines().size());
    logger.setLevel(Level.FINE);
    return trace;
  }

  /** Waits until a reconcile of the clone has finished since the trace started. */
  void awaitFinishedReconcileOf(String namespace, String name) {
    String resource = "resource=ResourceID{name='" + name + "', namespace='" + namespace + "'}";
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              List<String> lines = lines();
              return lines.subList(Math.min(linesBefore, lines.size()), lines.size()).stream()
                  .anyMatch(l -> l.contains("Event processing finished") && l.contains(resource));
            });
  }

  @Override
  public void close() {
    logger.setLevel(before);
  }

  private static List<String> lines() {
    try {
      return Files.readAllLines(LOG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
