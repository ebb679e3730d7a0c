package io.vmclone.crash;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator processes of one case. A replica started again under the same name (as a restarted
 * pod keeps its name) logs to {@code NAME.2.log}, {@code NAME.3.log}, ...; every process still
 * running when the case ends is killed.
 */
public final class Replicas implements AutoCloseable {

  private final Layout layout;
  private final Cluster cluster;
  private final Path caseDir;
  private final List<OperatorProcess> started = new ArrayList<>();
  private final Map<String, Integer> starts = new HashMap<>();

  public Replicas(Layout layout, Cluster cluster, Path caseDir) {
    this.layout = layout;
    this.cluster = cluster;
    this.caseDir = caseDir;
  }

  public synchronized OperatorProcess start(OperatorSettings settings) {
    int count = starts.merge(settings.name(), 1, Integer::sum);
    String file = settings.name() + (count == 1 ? "" : "." + count) + ".log";
    int port = HarnessPorts.next();
    OperatorProcess process =
        OperatorProcess.start(
            settings.name(),
            layout.operatorCommand(caseDir),
            settings.environment(cluster, port),
            caseDir.resolve(file),
            port);
    started.add(process);
    return process;
  }

  /** Starts the replicas at once and waits until each has started. */
  public List<OperatorProcess> startAll(List<OperatorSettings> settings) {
    List<OperatorProcess> processes = settings.stream().map(this::start).toList();
    for (OperatorProcess process : processes) {
      process.awaitStarted(Duration.ofSeconds(120));
    }
    return processes;
  }

  /** Every process this case started, in order. */
  public synchronized List<OperatorProcess> all() {
    return List.copyOf(started);
  }

  @Override
  public synchronized void close() {
    for (OperatorProcess process : started) {
      if (process.isAlive()) {
        process.resume();
        process.kill();
      }
    }
    for (OperatorProcess process : started) {
      process.awaitExit(Duration.ofSeconds(30));
    }
  }
}
