package io.vmclone.crash;

/** A case cannot go on: something did not happen, or happened otherwise than it must. */
final class HarnessFailure extends RuntimeException {

  HarnessFailure(String message) {
    super(message);
  }

  HarnessFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
