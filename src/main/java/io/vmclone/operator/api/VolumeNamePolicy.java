package io.vmclone.operator.api;

/** How the copies of the source's disks are named, as in KubeVirt's clone API. */
public enum VolumeNamePolicy {
  /** {@code vmclone-<12 hex characters of the clone's key>-<volume>}: the default. */
  RandomizeNames,
  /** {@code <target>-<volume>}, which GitOps tools can predict from the manifest alone. */
  PrefixTargetName
}
