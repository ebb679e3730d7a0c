package io.vmclone.operator.admission;

import java.util.Locale;

/** The operation an AdmissionReview asks about ({@code request.operation}). */
enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT;

  /**
   * The operation named {@code value}.
   *
   * @throws MalformedReviewException if it names none
   */
  static Operation parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new MalformedReviewException(
          "request.operation \"" + value + "\" is none of CREATE, UPDATE, DELETE, CONNECT");
    }
  }
}
