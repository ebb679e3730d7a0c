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
import java.util.List;
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
  void stampsExtraAttributesIntoTheirOwnAnnotation() {
    RequesterIdentity pipeline =
        new RequesterIdentity(
            "system:serviceaccount:ci:builder",
            "uid-builder",
            List.of("system:serviceaccounts", "system:authenticated"),
            Map.of("authentication.kubernetes.io/pod-name", List.of("build-7")));

    JsonNode stamped =
        JsonPatch.apply(patchFor(pipeline, cloneObject("copy")), cloneObject("copy"));

    assertThat(stamped.at("/metadata/annotations/vmclone.io~1requester-extra").asText())
        .isEqualTo("authentication.kubernetes.io/pod-name\tbuild-7");
    assertThat(requester(stamped)).contains(pipeline);
  }

  @Test
  void refusesAUserWhoseNameTheAnnotationCannotHold() {
    RequesterIdentity odd = new RequesterIdentity("alice\nadmin", "", List.of());

    Verdict verdict =
        RequesterStamp.review(ReviewParser.parse(create(odd, cloneObject("copy")).toString()));

    assertThat(verdict).isEqualTo(Verdict.forbidden(RequesterStamp.UNSTAMPABLE));
  }

  @Test
  void refusesClientSuppliedExtraAttributes() {
    ObjectNode object = cloneObject("copy");
    ((ObjectNode) object.get("metadata"))
        .putObject("annotations")
        .put(RequesterAnnotation.EXTRA_KEY, "scopes\tadmin");

    assertThat(RequesterStamp.review(ReviewParser.parse(create(ALICE, object).toString())))
        .isEqualTo(Verdict.forbidden(RequesterStamp.SPOOFED));
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
    return JsonPatch.apply(patchFor(ALICE, object), object);
  }

  private static ArrayNode patchFor(RequesterIdentity user, ObjectNode object) {
    Verdict verdict = RequesterStamp.review(ReviewParser.parse(create(user, object).toString()));
    assertThat(verdict).isInstanceOf(Verdict.Allowed.class);
    return ((Verdict.Allowed) verdict).patch().orElseThrow();
  }

  private static Optional<RequesterIdentity> requester(JsonNode object) {
    Map<String, String> annotations =
        ReviewDocuments.JSON.convertValue(
            object.at("/metadata/annotations"), new TypeReference<Map<String, String>>() {});
    return RequesterAnnotation.read(annotations);
  }
}
