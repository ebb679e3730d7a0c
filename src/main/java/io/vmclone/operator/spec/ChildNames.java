package io.vmclone.operator.spec;

import io.vmclone.operator.api.VolumeNamePolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deterministic names of everything a clone creates, derived from the clone's UID so that a
 * retried or recovered step finds (and adopts) what an earlier attempt created.
 *
 * <p>Names use a key hashed from the whole UID rather than the UID's first characters: UIDs are not
 * guaranteed to differ early (the fabric8 mock API server hands out UIDs that share their first
 * eight characters), and 48 bits keep two live clones of one namespace apart at any realistic
 * scale, where 32 bits collide at about one in a hundred over ten thousand clones.
 */
public final class ChildNames {

  /** Longest name of an object that becomes a PVC or is used as a label value: a DNS label. */
  static final int MAX_NAME = 63;

  private ChildNames() {}

  /** The clone's key: 12 hex characters of the SHA-256 of its UID. */
  public static String key(String cloneUid) {
    return sha256(cloneUid).substring(0, 12);
  }

  /** The temporary VirtualMachineSnapshot: {@code vmclone-<key>-snap}. */
  public static String snapshotName(String cloneUid) {
    return "vmclone-" + key(cloneUid) + "-snap";
  }

  /** The DataVolume holding the copy of one volume: {@code vmclone-<key>-<volume>}. */
  public static String dataVolumeName(String cloneUid, String volumeName) {
    return fit("vmclone-" + key(cloneUid) + "-" + volumeName.toLowerCase());
  }

  /**
   * The DataVolume holding the copy of one volume under the spec's policy: {@link
   * #dataVolumeName(String, String)}, or {@code <target>-<volume>} for {@link
   * VolumeNamePolicy#PrefixTargetName}.
   */
  public static String dataVolumeName(
      VolumeNamePolicy policy, String cloneUid, String targetName, String volumeName) {
    return policy == VolumeNamePolicy.PrefixTargetName
        ? fit(targetName + "-" + volumeName.toLowerCase())
        : dataVolumeName(cloneUid, volumeName);
  }

  /** The target VM's name when the spec gives none: {@code <source>-clone-<first 5 of key>}. */
  public static String defaultTargetName(String sourceName, String cloneUid) {
    return fit(sourceName + "-clone-" + key(cloneUid).substring(0, 5));
  }

  /** The Secret that holds a ServiceAccount requester's preserved token. */
  public static String sessionSecretName(String cloneUid) {
    return "vmclone-" + key(cloneUid) + "-session";
  }

  /** The finalizer that keeps the source from vanishing while this clone reads it. */
  public static String sourceFinalizer(String cloneUid) {
    return "vmclone.io/clone-" + cloneUid;
  }

  /** Shortens a name over 63 characters, keeping it unique with a hash of the whole name. */
  static String fit(String name) {
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String hash = sha256(name).substring(0, 8);
    String head = name.substring(0, MAX_NAME - hash.length() - 1).replaceAll("[-.]+$", "");
    return head + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
