package io.vmclone.operator.journal;

/**
 * A lock a task holds on an object it works with.
 *
 * @param uid the object's UID when known (a target name that does not exist yet has none)
 */
public record EntityLock(String kind, String namespace, String name, Mode mode, String uid) {

  /** SHARED for readers (a clone's source), EXCLUSIVE for a target name. */
  public enum Mode {
    SHARED,
    EXCLUSIVE;

    boolean conflictsWith(Mode other) {
      return this == EXCLUSIVE || other == EXCLUSIVE;
    }
  }

  @Override
  public String toString() {
    return kind + " " + namespace + "/" + name;
  }
}
