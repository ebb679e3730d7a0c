package io.vmclone.operator.recovery;

import io.vmclone.operator.journal.EntityLock;
import io.vmclone.operator.journal.RecoveringTask;
import io.vmclone.operator.journal.RecoveryRepository;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.platform.ObjectRef;
import io.vmclone.operator.platform.VmPlatform;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.logging.Logger;

/**
 * Puts on each source what the journal says recovers with it: the {@value
 * VmPlatform#IN_RECOVERY_ANNOTATION} annotation naming every task recovering with the source, in
 * one merge patch per source that reads nothing ({@link VmPlatform#setInRecovery}), the sources in
 * parallel. Whatever the annotation said before (a leftover of an earlier leader, say) is replaced.
 * A thousand interrupted clones with a source each are a thousand requests; read-and-update per
 * task took twice that and ten seconds.
 *
 * <p>Hazard: a task may settle, and take its id off its source, while the patches go out; a patch
 * that lands after that would keep the id for good. So once every patch is answered, one query asks
 * which of the tasks written still recover, and each one that settled is taken off again with the
 * read-and-update of {@link VmPlatform#clearInRecovery}. A task that settles after that query takes
 * its own id off after the patches landed, so no settled task keeps an annotation. The one change a
 * patch can overwrite for good is a task a reconcile marks recovering in the same moment (its id
 * added by read-and-update): the annotation then misses a recovering task until it settles; the
 * database flag, which is what other clones wait on, is right all along.
 */
@ApplicationScoped
public class SourceFlagging {

  private static final Logger LOG = Logger.getLogger(SourceFlagging.class);

  /** Patches in flight at once. */
  static final int THREADS = 8;

  private final RecoveryRepository recovery;
  private final VmPlatform platform;

  public SourceFlagging(RecoveryRepository recovery, VmPlatform platform) {
    this.recovery = recovery;
    this.platform = platform;
  }

  /**
   * Annotates the sources of these recovering tasks with them, then takes off those that settled
   * meanwhile.
   *
   * @param tasks every recovering task the annotations should name (those of a source not listed
   *     are left alone)
   * @return how many sources were written
   */
  public int flag(List<RecoveringTask> tasks) {
    Map<ObjectRef, Set<String>> bySource = bySource(tasks);
    if (bySource.isEmpty()) {
      return 0;
    }
    writeAll(bySource);
    takeOffSettled(bySource, tasks);
    return bySource.size();
  }

  private void writeAll(Map<ObjectRef, Set<String>> bySource) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, bySource.size()),
            runnable -> new Thread(runnable, "source-flagging"));
    try {
      List<Future<?>> writes = new ArrayList<>();
      bySource.forEach(
          (source, taskIds) ->
              writes.add(pool.submit(() -> platform.setInRecovery(source, taskIds))));
      for (Future<?> write : writes) {
        await(write);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void takeOffSettled(Map<ObjectRef, Set<String>> bySource, List<RecoveringTask> tasks) {
    Set<UUID> still = recovery.stillRecovering(tasks.stream().map(RecoveringTask::id).toList());
    for (RecoveringTask task : tasks) {
      if (!still.contains(task.id())) {
        try {
          platform.clearInRecovery(ref(task.source()), task.id().toString());
        } catch (RuntimeException e) {
          warn(e);
        }
      }
    }
  }

  private static Map<ObjectRef, Set<String>> bySource(List<RecoveringTask> tasks) {
    Map<ObjectRef, Set<String>> bySource = new LinkedHashMap<>();
    for (RecoveringTask task : tasks) {
      bySource.computeIfAbsent(ref(task.source()), s -> new TreeSet<>()).add(task.id().toString());
    }
    return bySource;
  }

  private static void await(Future<?> write) {
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while flagging sources in recovery", e);
    } catch (ExecutionException e) {
      warn(e.getCause());
    }
  }

  /** The database flags hold; the clone's own reconcile shows the recovery all the same. */
  private static void warn(Throwable e) {
    LOG.warnf("a source could not be annotated in recovery: %s", LogText.escape(e.toString()));
  }

  private static ObjectRef ref(EntityLock source) {
    return new ObjectRef(source.kind(), source.namespace(), source.name());
  }
}
