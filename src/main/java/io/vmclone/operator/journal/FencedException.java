package io.vmclone.operator.journal;

/**
 * A journal write was refused because this process does not hold the current leadership epoch:
 * another process leads. Nothing was written; the process must not make further side effects.
 */
public class FencedException extends RuntimeException {

  public FencedException(String message) {
    super(message);
  }
}
