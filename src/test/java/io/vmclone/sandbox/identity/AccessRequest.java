package io.vmclone.sandbox.identity;

/**
 * What a SubjectAccessReview asks about: a verb on a resource (with its API group and optional
 * subresource) in a namespace.
 *
 * @param group empty for the core group
 * @param subresource empty for the resource itself
 * @param namespace empty for a cluster-scoped resource
 * @param name empty for any object
 */
public record AccessRequest(
    String verb, String group, String resource, String subresource, String namespace, String name) {

  public AccessRequest {
    verb = nullToEmpty(verb);
    resource = nullToEmpty(resource);
    group = nullToEmpty(group);
    subresource = nullToEmpty(subresource);
    namespace = nullToEmpty(namespace);
    name = nullToEmpty(name);
  }

  /** {@code create datavolumes/source.cdi.kubevirt.io in namespace "default"}. */
  public String describe() {
    String what =
        resource
            + (subresource.isEmpty() ? "" : "/" + subresource)
            + (group.isEmpty() ? "" : "." + group);
    return verb
        + " "
        + what
        + (namespace.isEmpty() ? " at the cluster scope" : " in namespace \"" + namespace + "\"");
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
