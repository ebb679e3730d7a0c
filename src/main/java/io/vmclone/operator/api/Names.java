package io.vmclone.operator.api;

/** Schema patterns for Kubernetes object names. */
final class Names {
  /** RFC 1123 subdomain, as for most object names (length is checked separately). */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** RFC 1123 label, as for namespaces. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  private Names() {}
}
