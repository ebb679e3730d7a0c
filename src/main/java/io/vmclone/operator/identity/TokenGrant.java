package io.vmclone.operator.identity;

import java.time.Instant;

/**
 * A preserved ServiceAccount token, by where it is kept: the token itself never leaves the Secret
 * except into a client's Authorization header.
 */
public record TokenGrant(String secretNamespace, String secretName, Instant expiresAt) {}
