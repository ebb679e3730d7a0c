package io.vmclone.operator.logging;

/**
 * Text that someone else wrote, made safe for one log line: the spec of a clone (its filters,
 * patches, names), admission denials and spec errors built from it, and exception messages that
 * echo input. The text format prints a message as it is, so a newline in a label filter would start
 * a line of its own that looks like the operator's ("forged"); escaped, it stays inside its line.
 *
 * <p>Escapes the backslash, every ISO control character (CR, LF, TAB, ESC, NUL, ...) and the
 * Unicode line and paragraph separators, and cuts the text at {@value #MAX_LENGTH} characters, so
 * that one clone cannot fill the log. The result is printable and one line; reading it back, {@code
 * \n} in it was a newline in the input and {@code \\n} a backslash followed by an n.
 *
 * <p>Use it on the argument, never on a format string: {@code LOG.warnf("...: %s",
 * LogText.escape(message))}.
 */
public final class LogText {

  /** The most characters of one piece of user text that reach a log line. */
  public static final int MAX_LENGTH = 1000;

  private LogText() {}

  /** The text, escaped and bounded; {@code "null"} for null. */
  public static String escape(Object text) {
    String value = String.valueOf(text);
    int kept = Math.min(value.length(), MAX_LENGTH);
    StringBuilder out = new StringBuilder(kept + 16);
    for (int i = 0; i < kept; i++) {
      appendEscaped(out, value.charAt(i));
    }
    if (value.length() > kept) {
      out.append("...(").append(value.length() - kept).append(" more characters)");
    }
    return out.toString();
  }

  private static void appendEscaped(StringBuilder out, char c) {
    switch (c) {
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> {
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
  }
}
