package io.vmclone.operator.workflow;

/**
 * Where the operator's creation keys come from: a master key that only the operator holds, the same
 * for every replica and every restart (a key that changed would make the objects of clones in
 * flight unprovable, so they would be left alone instead of adopted or cleaned up).
 */
public interface CreationKeySource {

  /**
   * The keys, loaded once.
   *
   * @throws CreationKeyUnavailableException when the master key cannot be had now (the step is
   *     tried again)
   */
  CreationKeys keys();

  /** A fixed master key: for tests of the engine and the actions. */
  static CreationKeySource fixed(byte[] master) {
    CreationKeys keys = new CreationKeys(master);
    return () -> keys;
  }
}
