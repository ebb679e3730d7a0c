package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.platform.VmPlatform;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No level of logging prints a token: the operator runs with every category at TRACE (and fabric8's
 * HTTP logging asked for by name, as someone debugging would) through a ServiceAccount's clone, so
 * that it asks TokenRequest for a token, reviews it (TokenReview) when the interrupted clone is
 * revived, and creates the target with it. Everything it logged is read from its log file.
 */
@QuarkusTest
@TestProfile(TraceLoggingIT.EverythingAtTrace.class)
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class TraceLoggingIT extends OperatorIT {

  /**
   * Every category at TRACE, compiled in (min-level) and switched on, fabric8's HTTP logging by
   * name too; the console stays at INFO, the file ({@code target/quarkus-test.log}) takes all.
   */
  public static class EverythingAtTrace implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.log.min-level", "TRACE",
          "quarkus.log.level", "TRACE",
          "quarkus.log.category.\"io.fabric8\".level", "TRACE",
          "quarkus.log.category.\"io.fabric8.kubernetes.client.http.HttpLoggingInterceptor\".level",
              "TRACE",
          "quarkus.log.category.\"io.vmclone\".level", "TRACE",
          "quarkus.log.console.level", "INFO");
    }
  }

  /** A JWT, or a credential after "Bearer" that is not the redaction mark. */
  private static final Pattern ANY_TOKEN =
      Pattern.compile(
          "eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}|(?i)bearer\\s+(?!<redacted>)\\S{8,}");

  private static final Pattern CATEGORY = Pattern.compile("[A-Z]+ +\\[[^\\]]+\\]");

  @Test
  void noTokenIsLoggedAtTraceThroughTokenRequestTokenReviewAndUse() {
    String source = unique("web");
    createVm(source);
    String name = unique("clone");
    createClone(name, source);
    awaitStep(name, "CopyDisks");
    String taskId = clone(name).getStatus().getTaskId();
    String minted = mintedToken(taskId);
    String own =
        ConfigProvider.getConfig().getValue("quarkus.kubernetes-client.token", String.class);
    long reviews = tokenReviewsByTheOperator();
    interrupt(taskId);

    VirtualMachineClone clone = awaitPhase(name, ClonePhase.Succeeded);

    assertThat(clone.getStatus().getRequester().getActingAs()).isEqualTo("Token");
    assertThat(tokenReviewsByTheOperator())
        .as("the revived clone's token was reviewed (TokenReview)")
        .isGreaterThan(reviews);
    String probe = "trace probe " + UUID.randomUUID();
    LoggerFactory.getLogger("io.fabric8.kubernetes.client.http.StandardHttpClient").trace(probe);
    String log = logged();
    // On booleans: a failure message must not quote a log that may hold a token.
    assertThat(holds(log, "TRACE \\[i\\.j\\.o\\.") && holds(log, "TRACE \\[i\\.v\\."))
        .as(
            "TRACE lines of the libraries under the operator (java-operator-sdk, Vert.x) are logged")
        .isTrue();
    assertThat(holds(log, "TRACE \\[i\\.f\\.k\\.c\\.h\\.StandardHttpClient\\] .*" + probe))
        .as("a TRACE line in fabric8's HTTP package is logged")
        .isTrue();
    assertThat(holds(log, "DEBUG \\[i\\.f\\.k\\.c\\.")).as("fabric8 logged").isTrue();
    assertThat(linesWithATokenIn(log, List.of(minted, own)))
        .as("lines that hold a token (only where they are, never the token)")
        .isEmpty();
  }

  /**
   * Where the log holds one of the tokens, plain or base64-encoded, or anything shaped like a
   * token: line numbers and categories, so that a failure never copies a token into the test's
   * report.
   */
  private static List<String> linesWithATokenIn(String log, List<String> tokens) {
    List<String> needles = new ArrayList<>();
    for (String token : tokens) {
      needles.add(token);
      needles.add(base64(token));
    }
    List<String> found = new ArrayList<>();
    String[] lines = log.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (needles.stream().anyMatch(line::contains) || ANY_TOKEN.matcher(line).find()) {
        Matcher category = CATEGORY.matcher(line);
        found.add("line " + (i + 1) + (category.find() ? " " + category.group() : ""));
      }
    }
    return found;
  }

  /** The token the operator minted for the task, as an admin reads it from its Secret. */
  private String mintedToken(String taskId) {
    List<Secret> secrets =
        client
            .secrets()
            .inAnyNamespace()
            .withLabel(VmPlatform.TASK_LABEL, taskId)
            .list()
            .getItems();
    assertThat(secrets).as("the task's token Secret").hasSize(1);
    String token =
        new String(
            Base64.getDecoder().decode(secrets.get(0).getData().get("token")),
            StandardCharsets.UTF_8);
    assertThat(token.startsWith("eyJ")).as("a ServiceAccount token is a JWT").isTrue();
    return token;
  }

  private static long tokenReviewsByTheOperator() {
    return audited(
            e ->
                "tokenreviews".equals(e.resource())
                    && OperatorInstall.USER.equals(e.user())
                    && e.code() == 201)
        .size();
  }

  private static boolean holds(String log, String regex) {
    return Pattern.compile(regex).matcher(log).find();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** What this test's operator logged, from its start. */
  private String logged() {
    return String.join("\n", ForbiddenCalls.logLinesSinceStart(namespace));
  }
}
