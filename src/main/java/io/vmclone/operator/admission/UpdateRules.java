package io.vmclone.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The validating webhook's rules for an UPDATE: the spec is immutable once the clone exists (the
 * CRD's CEL rule {@code self == oldSelf}, checked again here because not every API server runs CEL,
 * and compared as JSON in the same way), and the requester annotation can be neither added, changed
 * nor removed: it records who created the clone, and the operator acts with that user's rights.
 */
final class UpdateRules {

  static final String SPEC_IMMUTABLE = "spec is immutable once the clone exists";

  private UpdateRules() {}

  /** The denial of the update; empty when it leaves the spec as it was. */
  static Optional<Verdict> check(CloneReview review) {
    JsonNode spec = review.object().path("spec");
    JsonNode oldSpec = review.oldObject().path("spec");
    if (!spec.equals(oldSpec)) {
      return Optional.of(
          Verdict.invalid(
              SPEC_IMMUTABLE
                  + " (changed: "
                  + String.join(", ", changedFields(oldSpec, spec))
                  + ")",
              List.of()));
    }
    return Optional.empty();
  }

  /** The top-level spec fields that differ, as {@code spec.target}, in name order. */
  static TreeSet<String> changedFields(JsonNode before, JsonNode after) {
    TreeSet<String> changed = new TreeSet<>();
    if (!before.isObject() || !after.isObject()) {
      changed.add("spec");
      return changed;
    }
    collect(before, after, changed);
    collect(after, before, changed);
    return changed;
  }

  private static void collect(JsonNode one, JsonNode other, TreeSet<String> changed) {
    for (Iterator<String> names = one.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!one.get(name).equals(other.path(name))) {
        changed.add("spec." + name);
      }
    }
  }
}
