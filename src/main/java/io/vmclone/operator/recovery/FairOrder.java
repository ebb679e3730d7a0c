package io.vmclone.operator.recovery;

import io.vmclone.operator.journal.TaskRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which interrupted tasks are recovered: namespaces take turns (round robin), and
 * within a namespace the oldest task goes first. One namespace with a thousand interrupted clones
 * therefore delays another namespace's clone by at most one recovery per other namespace, instead
 * of by its whole backlog. Namespaces start in the order of their oldest task; ties of age are
 * broken by task id, so the order is deterministic.
 */
final class FairOrder {

  private static final Comparator<TaskRecord> OLDEST_FIRST =
      Comparator.comparing(TaskRecord::queuedAt).thenComparing(TaskRecord::id);

  private FairOrder() {}

  /** The tasks interleaved by namespace, oldest first within each; the input is not changed. */
  static List<TaskRecord> of(List<TaskRecord> tasks) {
    Map<String, Deque<TaskRecord>> byNamespace = new LinkedHashMap<>();
    tasks.stream()
        .sorted(OLDEST_FIRST)
        .forEach(
            task ->
                byNamespace
                    .computeIfAbsent(task.cloneNamespace(), namespace -> new ArrayDeque<>())
                    .add(task));
    List<TaskRecord> fair = new ArrayList<>(tasks.size());
    while (fair.size() < tasks.size()) {
      for (Deque<TaskRecord> turn : byNamespace.values()) {
        if (!turn.isEmpty()) {
          fair.add(turn.poll());
        }
      }
    }
    return fair;
  }
}
