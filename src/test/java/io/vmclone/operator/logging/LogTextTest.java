package io.vmclone.operator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogTextTest {

  static Stream<Arguments> inputAndLogged() {
    return Stream.of(
        Arguments.of("app*", "app*"),
        Arguments.of("a\nb", "a\\nb"),
        Arguments.of("a\r\nb", "a\\r\\nb"),
        Arguments.of("tab\there", "tab\\there"),
        Arguments.of("esc\u001b[31m", "esc\\u001b[31m"),
        Arguments.of("nul\u0000", "nul\\u0000"),
        Arguments.of("nel\u0085", "nel\\u0085"),
        Arguments.of("ls\u2028ps\u2029", "ls\\u2028ps\\u2029"),
        Arguments.of("back\\slash", "back\\\\slash"),
        Arguments.of("a\\nb", "a\\\\nb"),
        Arguments.of("héllo wörld", "héllo wörld"));
  }

  @ParameterizedTest(name = "[{index}] logged as {1}")
  @MethodSource("inputAndLogged")
  void escapesWhatWouldEndOrDisguiseALine(String input, String logged) {
    assertThat(LogText.escape(input)).isEqualTo(logged);
  }

  @Test
  void nullIsLoggedAsNull() {
    assertThat(LogText.escape(null)).isEqualTo("null");
  }

  @Test
  void longTextIsCutAndSaysHowMuchWasLeftOut() {
    String logged = LogText.escape("x".repeat(LogText.MAX_LENGTH + 234));

    assertThat(logged).isEqualTo("x".repeat(LogText.MAX_LENGTH) + "...(234 more characters)");
  }

  @Test
  void noCharacterEndsOrControlsTheLine() {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x2100; c++) {
      every.append(c);
    }
    String input = every.toString();

    for (int from = 0; from < input.length(); from += LogText.MAX_LENGTH) {
      String logged =
          LogText.escape(
              input.substring(from, Math.min(input.length(), from + LogText.MAX_LENGTH)));
      assertThat(logged.chars()).noneMatch(c -> Character.isISOControl(c) || c == 0x2028);
    }
  }
}
