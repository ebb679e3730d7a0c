package io.vmclone.operator.workflow;

/**
 * The creation master key cannot be had now (its Secret cannot be read or created, or holds no
 * usable key). Nothing was done: a step never runs, or undoes, without the keys.
 */
public class CreationKeyUnavailableException extends RuntimeException {

  public CreationKeyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
