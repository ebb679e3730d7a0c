package io.vmclone.operator.api;

/**
 * The length limits of a clone's spec. Every string and list of the spec has one, in the CRD's
 * schema, so that the API server refuses oversized input before the webhooks or the operator read
 * it. Names follow Kubernetes' own limits; the rest are generous for their use. {@code
 * docs/security.md} lists them; the spec rules ({@code SpecValidator}) check the ones that matter
 * to their parsers again.
 */
public final class SpecLimits {

  /** A DNS subdomain, as most object names. */
  public static final long SUBDOMAIN_LENGTH = 253;

  /** A DNS label, as namespaces, the names of VMs and of their interfaces. */
  public static final long LABEL_LENGTH = 63;

  /** A label or annotation key (253-character prefix, '/', 63-character name) after a '!'. */
  public static final long FILTER_LENGTH = 318;

  /** Filters in one list. */
  public static final long FILTERS = 64;

  /** A MAC address: six octets and five separators. */
  public static final long MAC_LENGTH = 17;

  /** Interfaces given a MAC address. */
  public static final long INTERFACES = 64;

  /** An SMBIOS serial. */
  public static final long SERIAL_LENGTH = 128;

  /** One entry of {@code spec.patches}, in characters. */
  public static final int PATCH_LENGTH = 4096;

  /** Entries of {@code spec.patches}. */
  public static final int PATCHES = 64;

  /** A duration such as {@code policy.timeout}, in characters. */
  public static final long DURATION_LENGTH = 32;

  private SpecLimits() {}
}
