package io.vmclone.operator.admission;

/**
 * A request body that is not an {@code admission.k8s.io/v1} AdmissionReview this webhook can
 * answer. Its message says what is wrong, for the person reading the API server's log; it never
 * carries a stack trace to the caller.
 */
final class MalformedReviewException extends RuntimeException {

  MalformedReviewException(String message) {
    super(message, null, false, false);
  }
}
