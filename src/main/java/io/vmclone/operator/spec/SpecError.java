package io.vmclone.operator.spec;

/**
 * One problem of a clone's spec.
 *
 * @param field the field, as a path from the resource root ({@code spec.patches[1]})
 * @param message what is wrong with it, for people
 */
public record SpecError(String field, String message) {

  /** {@code field: message}, the form Kubernetes uses for field errors. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
