package io.vmclone.operator.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The last guard between a token and the log: every record that reaches the console or the file
 * handler ({@code quarkus.log.console.filter} and {@code quarkus.log.file.filter}, named {@value
 * #NAME}) has its message searched for bearer credentials and JSON Web Tokens (also
 * base64-encoded), which are replaced by {@value #REDACTED}. Kubernetes ServiceAccount tokens (the
 * operator's own and the ones it mints for requesters) are JWTs, so whatever library prints one, at
 * whatever level, prints it redacted.
 *
 * <p>It never drops a record. It looks at the formatted message only: a token inside the message of
 * an attached exception is not seen (no code of the operator or of fabric8 puts one there). The
 * first line of defence is in {@code application.properties}: fabric8's HTTP logging, the one place
 * known to print {@code Authorization} headers and TokenRequest/TokenReview bodies, cannot be
 * switched on at any level.
 */
@LoggingFilter(name = TokenRedaction.NAME)
public final class TokenRedaction implements Filter {

  /** The filter's name in the logging configuration. */
  public static final String NAME = "token-redaction";

  /** What stands in a log line where a token was. */
  public static final String REDACTED = "<redacted>";

  /**
   * A JWT (base64url parts separated by dots; its header always starts with <code>{"</code>, which
   * is {@code eyJ}), the same base64-encoded once more as a Secret's data holds it ({@code ZXlK}),
   * or the credential after {@code Bearer} in an {@code Authorization} header.
   */
  private static final Pattern TOKEN =
      Pattern.compile(
          "eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*)?"
              + "|ZXlK[A-Za-z0-9+/=]{16,}"
              + "|(?i)(?<=bearer\\s{1,8})[A-Za-z0-9._~+/=-]{8,}");

  @Override
  public boolean isLoggable(LogRecord record) {
    String message = formatted(record);
    if (message != null) {
      String redacted = redact(message);
      if (!redacted.equals(message)) {
        if (record instanceof ExtLogRecord ext) {
          ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
          record.setMessage(redacted);
        }
        record.setParameters(null);
      }
    }
    return true;
  }

  /** The text with every token in it replaced. */
  public static String redact(String text) {
    return TOKEN.matcher(text).replaceAll(REDACTED);
  }

  private static String formatted(LogRecord record) {
    if (record instanceof ExtLogRecord ext) {
      return ext.getFormattedMessage();
    }
    return record.getMessage();
  }
}
