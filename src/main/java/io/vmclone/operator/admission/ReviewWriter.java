package io.vmclone.operator.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Writes webhook answers: an {@code admission.k8s.io/v1} AdmissionReview whose {@code response.uid}
 * echoes the request's, or, for a body that is not a review, a {@code Status} with code 400.
 */
final class ReviewWriter {

  static final String PATCH_TYPE = "JSONPatch";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReviewWriter() {}

  /** The AdmissionReview answering the review {@code uid} with {@code verdict}. */
  static String response(String uid, Verdict verdict) {
    AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(uid);
    if (verdict instanceof Verdict.Allowed allowed) {
      response.withAllowed(true);
      allowed
          .patch()
          .ifPresent(
              patch ->
                  response
                      .withPatchType(PATCH_TYPE)
                      .withPatch(
                          Base64.getEncoder()
                              .encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8))));
    } else if (verdict instanceof Verdict.Denied denied) {
      response.withAllowed(false).withStatus(status(denied));
    }
    AdmissionReview review =
        new AdmissionReviewBuilder()
            .withApiVersion(ReviewParser.API_VERSION)
            .withKind(ReviewParser.KIND)
            .withResponse(response.build())
            .build();
    return json(review);
  }

  /** A {@code Status} for a body that could not be read as a review. */
  static String badRequest(String message) {
    return json(
        new StatusBuilder()
            .withApiVersion("v1")
            .withKind("Status")
            .withStatus("Failure")
            .withCode(400)
            .withReason("BadRequest")
            .withMessage(message)
            .build());
  }

  private static Status status(Verdict.Denied denied) {
    StatusBuilder status =
        new StatusBuilder()
            .withStatus("Failure")
            .withCode(denied.code())
            .withReason(denied.reason())
            .withMessage(denied.message());
    if (!denied.causes().isEmpty()) {
      status.withNewDetails().withCauses(causes(denied)).endDetails();
    }
    return status.build();
  }

  private static List<StatusCause> causes(Verdict.Denied denied) {
    return denied.causes().stream()
        .map(
            error ->
                new StatusCauseBuilder()
                    .withReason("FieldValueInvalid")
                    .withField(error.field())
                    .withMessage(error.message())
                    .build())
        .toList();
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an admission answer", e);
    }
  }
}
