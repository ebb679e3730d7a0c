package io.vmclone.operator.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deterministic names of everything a clone creates, derived from the clone's UID so that a
 * retried or recovered step finds (and adopts) what an earlier attempt created.
 */
public final class ChildNames {

  /** Longest name of an object that becomes a PVC or is used as a label value: a DNS label. */
  static final int MAX_NAME = 63;

  private ChildNames() {}

  /** The first 8 characters of the clone's UID. */
  public static String uid8(String cloneUid) {
    return cloneUid.replace("-", "").substring(0, 8);
  }

  /** The temporary VirtualMachineSnapshot: {@code vmclone-<uid8>-snap}. */
  public static String snapshotName(String cloneUid) {
    return "vmclone-" + uid8(cloneUid) + "-snap";
  }

  /** The DataVolume holding the copy of one volume: {@code vmclone-<uid8>-<volume>}. */
  public static String dataVolumeName(String cloneUid, String volumeName) {
    return fit("vmclone-" + uid8(cloneUid) + "-" + volumeName.toLowerCase());
  }

  /** The target VM's name when the spec gives none: {@code <source>-clone-<uid5>}. */
  public static String defaultTargetName(String sourceName, String cloneUid) {
    return fit(sourceName + "-clone-" + cloneUid.replace("-", "").substring(0, 5));
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
