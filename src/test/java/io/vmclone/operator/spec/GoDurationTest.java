package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

  /** text | ISO-8601 duration it means. */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          90s        | PT1M30S
          30m        | PT30M
          6h         | PT6H
          1h30m      | PT1H30M
          1.5h       | PT1H30M
          500ms      | PT0.5S
          .5s        | PT0.5S
          1.s        | PT1S
          0          | PT0S
          +5m        | PT5M
          -2m        | PT-2M
          1h0m0.25s  | PT1H0.25S
          1500us     | PT0.0015S
          1500µs     | PT0.0015S
          250ns      | PT0.00000025S
          2h45m30s   | PT2H45M30S
          0.000000001s | PT0.000000001S
          """)
  void parsesGoDurations(String text, String iso) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(iso));
  }

  /** text | the problem named in the message. */
  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      textBlock =
          """
          ''          | it is empty
          6           | missing unit after 6
          1h30        | missing unit after 30
          3d          | unknown unit "d"
          1.5.2h      | expected a number
          h           | expected a number
          .h          | expected a number
          -           | a number and a unit are missing
          1 h         | unknown unit " h"
          1h-30m      | unknown unit "h-"
          3000000h    | longer than about 292 years
          """)
  void refusesBadInputSayingWhy(String text, String problem) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid duration \"" + text + "\": ")
        .hasMessageContaining(problem);
  }

  /** A million digits once took BigDecimal 16.9 s of CPU; now the length alone refuses them. */
  @Test
  void refusesOverLongInputWithoutReadingItsNumbers() {
    String million = "1".repeat(1_000_000) + "h";

    assertThatThrownBy(() -> GoDuration.parse(million))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid duration \"1111111111111111...\" (1000001 characters): longer than 64"
                + " characters");
  }

  @Test
  void readsInputOfTheFullLength() {
    String longest = "0".repeat(GoDuration.MAX_LENGTH - 2) + "1h";

    assertThat(GoDuration.parse(longest)).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> GoDuration.parse("0" + longest))
        .hasMessageContaining("longer than 64 characters");
  }
}
