package io.vmclone.operator.identity;

/**
 * One permission a clone needs, as a SubjectAccessReview asks for it.
 *
 * @param name the object's name, or empty for any (creates)
 * @param subresource e.g. {@code source}, or empty
 */
public record Right(
    String verb, String group, String resource, String subresource, String namespace, String name) {

  /** For people: {@code create datavolumes.cdi.kubevirt.io in namespace x}. */
  public String describe() {
    String what =
        resource
            + (subresource.isEmpty() ? "" : "/" + subresource)
            + (group.isEmpty() ? "" : "." + group);
    return verb + " " + what + (name.isEmpty() ? "" : " " + name) + " in namespace " + namespace;
  }
}
