package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static io.vmclone.operator.admission.ReviewDocuments.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class UpdateRulesTest {

  @Test
  void admitsChangesOutsideTheSpec() {
    ObjectNode before = cloneObject("copy");
    ObjectNode after = cloneObject("copy");
    ((ObjectNode) after.get("metadata")).putArray("finalizers").add("vmclone.io/cleanup");
    ((ObjectNode) after.get("metadata")).putObject("labels").put("team", "web");

    assertThat(UpdateRules.check(review(before, after))).isEmpty();
  }

  @Test
  void refusesASpecChangeAndNamesTheChangedFields() {
    ObjectNode before = cloneObject("copy");
    ObjectNode after = cloneObject("copy");
    spec(after).put("runStrategy", "Always");
    spec(after).putObject("target").put("namespace", "other");

    Verdict.Denied denied = (Verdict.Denied) UpdateRules.check(review(before, after)).orElseThrow();

    assertThat(denied.code()).isEqualTo(422);
    assertThat(denied.message())
        .isEqualTo(
            "spec is immutable once the clone exists (changed: spec.runStrategy, spec.target)");
  }

  @Test
  void aRemovedSpecFieldIsAChangeToo() {
    ObjectNode before = cloneObject("copy");
    spec(before).putArray("labelFilters").add("*");
    ObjectNode after = cloneObject("copy");

    assertThat(UpdateRules.changedFields(spec(before), spec(after)))
        .containsExactly("spec.labelFilters");
  }

  private static CloneReview review(ObjectNode before, ObjectNode after) {
    return ReviewParser.parse(update(ALICE, before, after).toString());
  }
}
