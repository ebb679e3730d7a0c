package io.vmclone.operator.platform;

/** The result of creating an object with a deterministic name. */
public enum CreateOutcome {
  /** It did not exist and was created now. */
  CREATED,
  /** It existed already and is provably ours: an earlier attempt made it, and we adopt it. */
  ADOPTED,
  /**
   * It existed already and is not provably ours (our task label alone proves nothing): nothing was
   * changed.
   */
  EXISTS_NOT_OURS
}
