package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.spec;
import static io.vmclone.operator.admission.ReviewDocuments.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmclone.operator.identity.RequesterAnnotation;
import org.junit.jupiter.api.Test;

class UpdateRulesTest {

  private static final String STAMP = RequesterAnnotation.format(ALICE);

  @Test
  void admitsChangesOutsideTheSpecAndTheRequester() {
    ObjectNode before = annotated(cloneObject("copy"), STAMP);
    ObjectNode after = annotated(cloneObject("copy"), STAMP);
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

  @Test
  void refusesAddingTheRequester() {
    assertThat(message(cloneObject("copy"), annotated(cloneObject("copy"), STAMP)))
        .startsWith("the annotation vmclone.io/requester cannot be added after the clone");
  }

  @Test
  void refusesChangingTheRequester() {
    ObjectNode after = annotated(cloneObject("copy"), "{\"username\":\"mallory\"}");

    assertThat(message(annotated(cloneObject("copy"), STAMP), after))
        .startsWith("the annotation vmclone.io/requester cannot be changed after the clone");
  }

  @Test
  void refusesRemovingTheRequester() {
    assertThat(message(annotated(cloneObject("copy"), STAMP), cloneObject("copy")))
        .startsWith("the annotation vmclone.io/requester cannot be removed after the clone");
  }

  private static String message(ObjectNode before, ObjectNode after) {
    Verdict.Denied denied = (Verdict.Denied) UpdateRules.check(review(before, after)).orElseThrow();
    assertThat(denied.code()).isEqualTo(403);
    return denied.message();
  }

  private static CloneReview review(ObjectNode before, ObjectNode after) {
    return ReviewParser.parse(update(ALICE, before, after).toString());
  }

  private static ObjectNode annotated(ObjectNode object, String requester) {
    ((ObjectNode) object.get("metadata"))
        .putObject("annotations")
        .put(RequesterAnnotation.KEY, requester);
    return object;
  }
}
