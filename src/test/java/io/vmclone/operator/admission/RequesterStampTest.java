package io.vmclone.operator.admission;

import static io.vmclone.operator.admission.ReviewDocuments.ALICE;
import static io.vmclone.operator.admission.ReviewDocuments.cloneObject;
import static io.vmclone.operator.admission.ReviewDocuments.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequesterStampTest {

  @Test
  void stampsTheUserIntoAnObjectWithoutAnnotations() {
    ObjectNode object = cloneObject("copy");

    JsonNode stamped = applied(object);

    assertThat(requester(stamped)).contains(ALICE);
    assertThat(stamped.path("spec")).isEqualTo(object.path("spec"));
  }

  @Test
  void keepsTheOtherAnnotations() {
    ObjectNode object = cloneObject("copy");
    ((ObjectNode) object.get("metadata")).putObject("annotations").put("team/owner", "web");

    JsonNode stamped = applied(object);

    assertThat(stamped.at("/metadata/annotations/team~1owner").asText()).isEqualTo("web");
    assertThat(requester(stamped)).contains(ALICE);
  }

  @Test
  void replacesANullAnnotationsMember() {
    ObjectNode object = cloneObject("copy");
    ((ObjectNode) object.get("metadata")).putNull("annotations");

    assertThat(requester(applied(object))).contains(ALICE);
  }

  @Test
  void refusesAClientSuppliedRequester() {
    ObjectNode object = cloneObject("copy");
    ((ObjectNode) object.get("metadata"))
        .putObject("annotations")
        .put(RequesterAnnotation.KEY, "{\"username\":\"admin\"}");

    Verdict verdict = RequesterStamp.review(ReviewParser.parse(create(ALICE, object).toString()));

    assertThat(verdict)
        .isEqualTo(Verdict.forbidden(RequesterStamp.SPOOFED))
        .extracting(v -> ((Verdict.Denied) v).code())
        .isEqualTo(403);
  }

  @Test
  void refusesAnEmptyClientSuppliedRequesterToo() {
    ObjectNode object = cloneObject("copy");
    ((ObjectNode) object.get("metadata")).putObject("annotations").put(RequesterAnnotation.KEY, "");

    assertThat(RequesterStamp.review(ReviewParser.parse(create(ALICE, object).toString())))
        .isInstanceOf(Verdict.Denied.class);
  }

  @Test
  void leavesOtherOperationsAlone() {
    ObjectNode document = ReviewDocuments.update(ALICE, cloneObject("copy"), cloneObject("copy"));

    assertThat(RequesterStamp.review(ReviewParser.parse(document.toString())))
        .isEqualTo(Verdict.allow());
  }

  @Test
  void refusesACreateWithoutAnAuthenticatedUser() {
    ObjectNode document = create(ALICE, cloneObject("copy"));
    ((ObjectNode) document.get("request")).remove("userInfo");

    assertThat(RequesterStamp.review(ReviewParser.parse(document.toString())))
        .isInstanceOf(Verdict.Denied.class);
  }

  private static JsonNode applied(ObjectNode object) {
    Verdict verdict = RequesterStamp.review(ReviewParser.parse(create(ALICE, object).toString()));
    assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
    ArrayNode patch = ((Verdict.Allowed) verdict).patch().orElseThrow();
    return JsonPatch.apply(patch, object);
  }

  private static Optional<RequesterIdentity> requester(JsonNode object) {
    Map<String, String> annotations =
        ReviewDocuments.JSON.convertValue(
            object.at("/metadata/annotations"), new TypeReference<Map<String, String>>() {});
    return RequesterAnnotation.read(annotations);
  }
}
