package io.vmclone.operator.workflow;

/**
 * Something people should hear about a clone, published by the caller as a Kubernetes Event.
 *
 * @param warning Warning when true, Normal otherwise
 * @param reason an UpperCamel constant
 */
public record Notice(boolean warning, String reason, String message) {

  public static Notice normal(String reason, String message) {
    return new Notice(false, reason, message);
  }

  public static Notice warning(String reason, String message) {
    return new Notice(true, reason, message);
  }
}
