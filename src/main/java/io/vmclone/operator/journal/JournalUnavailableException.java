package io.vmclone.operator.journal;

/** The journal database could not be reached or refused a statement. Nothing was written. */
public class JournalUnavailableException extends RuntimeException {

  public JournalUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
