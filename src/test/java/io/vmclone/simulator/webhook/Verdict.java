package io.vmclone.simulator.webhook;

/**
 * What an admission rule says of one request: allowed, or refused with the HTTP code and message
 * the API server passes on to the client (prefixed with {@code admission webhook "NAME" denied the
 * request: }).
 */
record Verdict(boolean allowed, int code, String message) {

  static final Verdict ALLOWED = new Verdict(true, 200, "");

  /** Refused as KubeVirt and CDI refuse: 422 Unprocessable Entity (reason Invalid). */
  static Verdict invalid(String message) {
    return new Verdict(false, 422, message);
  }
}
