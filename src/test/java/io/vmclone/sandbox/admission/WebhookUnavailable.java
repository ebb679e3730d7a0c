package io.vmclone.sandbox.admission;

/** No replica answered a webhook call, or the answer was unusable; the message says why. */
final class WebhookUnavailable extends Exception {

  WebhookUnavailable(String message) {
    super(message);
  }
}
