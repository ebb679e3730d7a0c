package io.vmclone.operator.it;

import io.vmclone.controlplane.AuditLog;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.TestControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Proof that the chart's RBAC is enough for what a test class made the operator do: no request of
 * the operator's ServiceAccount was answered 403 by the API server (its audit log), and the
 * operator's log of this application shows no 403 it was given, whoever it acted as.
 *
 * <p>Test classes run one after the other and share the operator's ServiceAccount, so the audit
 * log's 403s are counted JVM-wide and each check reports only those it has not seen before. The
 * operator's log of a class starts where its operator registered its controller for the class's
 * namespace.
 */
public final class ForbiddenCalls {

  /** What fabric8 and the API server write into a 403's exception message. */
  private static final Pattern FORBIDDEN =
      Pattern.compile("code=403|Forbidden!| is forbidden: User \"");

  private static final Path LOG = Path.of("target", "quarkus-test.log");

  /** A system property, since Quarkus loads this class again for every test class. */
  private static final String SEEN = "vmclone-test.operator-403s-seen";

  /** The names a test took the operator's rights to on purpose, one per line; a system property. */
  private static final String EXPECTED = "vmclone-test.operator-403s-expected";

  private ForbiddenCalls() {}

  /**
   * Tells the next check that 403s naming this object (in the audited URI or the log line) are the
   * test's doing: it revoked a right of the operator on purpose.
   */
  public static void expectFor(String objectName) {
    synchronized (System.getProperties()) {
      System.setProperty(EXPECTED, System.getProperty(EXPECTED, "") + objectName + "\n");
    }
  }

  /**
   * Fails if the operator watching {@code namespace} got a 403 since the previous check.
   *
   * @throws AssertionError naming each forbidden call
   */
  public static void assertNone(String namespace) {
    List<String> found = new ArrayList<>(auditedSinceLastCheck());
    logLinesSinceStart(namespace).stream()
        .filter(ForbiddenCalls::showsForbidden)
        .forEach(found::add);
    found.removeIf(ForbiddenCalls::expected);
    if (!found.isEmpty()) {
      throw new AssertionError(
          "the operator was refused (403) what it needed; the chart's RBAC lacks a rule:\n"
              + String.join("\n", found));
    }
  }

  private static boolean expected(String forbidden) {
    String names = System.getProperty(EXPECTED, "");
    return names.lines().anyMatch(name -> !name.isEmpty() && forbidden.contains(name));
  }

  /** Whether a log line tells of a 403 from the API server (fabric8's exception message). */
  static boolean showsForbidden(String line) {
    return FORBIDDEN.matcher(line).find();
  }

  /** The operator's requests answered 403 since the last check in this JVM, described. */
  static List<String> auditedSinceLastCheck() {
    synchronized (System.getProperties()) {
      List<AuditLog.Event> all =
          TestControlPlane.get()
              .auditLog()
              .events(e -> OperatorInstall.USER.equals(e.user()) && e.code() == 403);
      int seen = Integer.getInteger(SEEN, 0);
      System.setProperty(SEEN, Integer.toString(all.size()));
      return all.subList(Math.min(seen, all.size()), all.size()).stream()
          .map(ForbiddenCalls::describe)
          .toList();
    }
  }

  private static String describe(AuditLog.Event e) {
    return "audit: 403 for "
        + e.verb()
        + " "
        + e.uri()
        + (e.impersonatedUser().isEmpty() ? "" : " impersonating " + e.impersonatedUser());
  }

  /** The lines of the log since this application registered its controller for the namespace. */
  static List<String> logLinesSinceStart(String namespace) {
    List<String> lines = new ArrayList<>();
    lines.addAll(read(Path.of(LOG + ".1")));
    lines.addAll(read(LOG));
    String start = "for namespace(s): [" + namespace + "]";
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(start)) {
        return lines.subList(i, lines.size());
      }
    }
    throw new AssertionError(
        "no line of " + LOG + " says the operator started watching " + namespace);
  }

  private static List<String> read(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
