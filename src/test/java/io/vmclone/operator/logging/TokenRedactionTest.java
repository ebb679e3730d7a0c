package io.vmclone.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

class TokenRedactionTest {

  /** Shaped like a ServiceAccount token; signed by nobody. */
  private static final String JWT =
      "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ"
          + ".eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpjaS1ib3QifQ"
          + ".c2lnbmF0dXJlLW9mLW5vYm9keQ";

  private final TokenRedaction filter = new TokenRedaction();

  @Test
  void anAuthorizationHeaderLosesItsCredential() {
    assertThat(TokenRedaction.redact("> Authorization: Bearer " + JWT))
        .isEqualTo("> Authorization: Bearer <redacted>");
    assertThat(TokenRedaction.redact("> Authorization: Bearer s3cr3t-static-token"))
        .isEqualTo("> Authorization: Bearer <redacted>");
  }

  @Test
  void aTokenInABodyIsRedactedPlainOrBase64Encoded() {
    String base64 = Base64.getEncoder().encodeToString(JWT.getBytes(StandardCharsets.UTF_8));

    assertThat(TokenRedaction.redact("{\"spec\":{\"token\":\"" + JWT + "\"}}"))
        .isEqualTo("{\"spec\":{\"token\":\"<redacted>\"}}");
    assertThat(TokenRedaction.redact("{\"data\":{\"token\":\"" + base64 + "\"}}"))
        .isEqualTo("{\"data\":{\"token\":\"<redacted>\"}}");
  }

  @Test
  void textWithoutATokenIsLeftAlone() {
    String text = "step completed in 12 ms: VirtualMachine ns/web-clone is ready (bearer of news)";

    assertThat(TokenRedaction.redact(text)).isEqualTo(text);
  }

  @Test
  void aRecordWithATokenInItsParametersIsRedactedAndStillLogged() {
    ExtLogRecord record =
        new ExtLogRecord(Level.TRACE, "> %s: %s", ExtLogRecord.FormatStyle.PRINTF, "x");
    record.setParameters(new Object[] {"Authorization", "Bearer " + JWT});

    assertThat(filter.isLoggable(record)).isTrue();
    assertThat(record.getFormattedMessage()).isEqualTo("> Authorization: Bearer <redacted>");
  }
}
