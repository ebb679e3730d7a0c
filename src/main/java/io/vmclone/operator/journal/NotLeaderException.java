package io.vmclone.operator.journal;

/** A journal write was refused because this replica does not lead (a standby, or shutting down). */
public class NotLeaderException extends RuntimeException {

  public NotLeaderException(String message) {
    super(message);
  }
}
