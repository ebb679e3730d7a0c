package io.vmclone.operator.platform;

/**
 * A refusal of the platform that retrying cannot fix, with a condition reason (an UpperCamel
 * constant such as {@code SourceNotCloneable} or {@code InvalidSpec}) and a message for people.
 * Transient API errors are not wrapped in this type.
 */
public class PlatformException extends RuntimeException {

  private final String reason;

  public PlatformException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
