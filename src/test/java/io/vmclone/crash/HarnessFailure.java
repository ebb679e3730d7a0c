package io.vmclone.crash;

/** A case cannot go on: something did not happen, or happened otherwise than it must. */
public final class HarnessFailure extends RuntimeException {

  public HarnessFailure(String message) {
    super(message);
  }

  public HarnessFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
