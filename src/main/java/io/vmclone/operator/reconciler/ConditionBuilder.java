package io.vmclone.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The only place that builds the clone's conditions. Each condition carries the generation it was
 * computed for; its lastTransitionTime changes only when its status changes. Conditions are kept in
 * a fixed order so that an unchanged status compares equal.
 */
final class ConditionBuilder {

  static final int MESSAGE_LIMIT = 1000;

  private final List<Condition> previous;
  private final long generation;
  private final Instant now;
  private final List<Condition> built = new ArrayList<>();

  ConditionBuilder(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now;
  }

  ConditionBuilder set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    Condition old = find(type);
    String transition =
        old != null && Objects.equals(old.getStatus(), value) && old.getLastTransitionTime() != null
            ? old.getLastTransitionTime()
            : now.toString();
    Condition condition = new Condition();
    condition.setType(type);
    condition.setStatus(value);
    condition.setReason(reason);
    condition.setMessage(message == null ? "" : StatusProjector.shorten(message, MESSAGE_LIMIT));
    condition.setLastTransitionTime(transition);
    condition.setObservedGeneration(generation);
    built.add(condition);
    return this;
  }

  /** Carries a condition over unchanged from the previous status, if it was there. */
  ConditionBuilder keep(String type) {
    Condition old = find(type);
    if (old != null) {
      built.add(old);
    }
    return this;
  }

  List<Condition> build() {
    return List.copyOf(built);
  }

  private Condition find(String type) {
    return previous.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
