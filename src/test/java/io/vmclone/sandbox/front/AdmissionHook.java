package io.vmclone.sandbox.front;

/**
 * A check the front runs on every create, update and patch of a resource before the mock API server
 * stores it, in the place where a real API server calls admission webhooks. A mutating hook returns
 * a changed request; a validating one returns it unchanged or rejects it.
 */
@FunctionalInterface
public interface AdmissionHook {

  /** The outcome for one write: go on with a request, or answer with a rejection. */
  sealed interface Outcome permits Allowed, Denied {}

  /** Continue with this request (the original or a changed one). */
  record Allowed(FrontRequest request) implements Outcome {}

  /** Stop and answer the client with this status code and message. */
  record Denied(int code, String reason, String message) implements Outcome {}

  Outcome review(ResourcePath path, FrontRequest request);
}
