package io.vmclone.operator.journal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code preserved_session}: who asked for a clone and how the operator acts for them. It
 * names the Secret that holds a ServiceAccount's token; the token itself is never here.
 *
 * @param serviceAccount {@code namespace/name} when the requester is a ServiceAccount, else null
 * @param tokenSecretNamespace where the token's Secret is (TOKEN mode), else null
 * @param tokenSecretName the token's Secret (TOKEN mode), else null
 * @param expiresAt when the token expires (TOKEN mode), else null
 */
public record PreservedSession(
    UUID id,
    UUID taskId,
    String username,
    String userUid,
    List<String> groups,
    Mode mode,
    String serviceAccount,
    String tokenSecretNamespace,
    String tokenSecretName,
    Instant expiresAt) {

  /** How the operator acts for the requester when it creates the target. */
  public enum Mode {
    /** With the requester's own (ServiceAccount) token, kept in a Secret. */
    TOKEN,
    /** As the operator, impersonating the requester's user, uid and groups. */
    IMPERSONATION,
    /** As the operator itself, after checking the requester's rights. */
    OPERATOR
  }

  public PreservedSession {
    groups = List.copyOf(groups);
  }
}
