package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressesTest {

  @ParameterizedTest
  @NullAndEmptySource
  void emptyValueAsksForAGeneratedAddress(String value) {
    assertThat(MacAddresses.problem(value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"02:00:00:00:00:01", "02-AB-cd-EF-00-99", "00:1a:4a:16:01:55"})
  void acceptsUnicastAddressesWithColonsOrDashes(String value) {
    assertThat(MacAddresses.problem(value)).isEmpty();
  }

  /** value | the start of the problem. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          00-11-22                 | is not a MAC address
          02:00:00:00:00           | is not a MAC address
          02:00:00:00:00:01:02     | is not a MAC address
          02:00-00:00:00:01        | is not a MAC address
          0g:00:00:00:00:01        | is not a MAC address
          0200.0000.0001           | is not a MAC address
          01:00:5e:00:00:fb        | is a multicast address
          ff:ff:ff:ff:ff:ff        | is a multicast address
          03-00-00-00-00-01        | is a multicast address
          00:00:00:00:00:00        | is the all-zero address
          """)
  void saysWhatIsWrongWithAnUnusableAddress(String value, String problem) {
    assertThat(MacAddresses.problem(value))
        .hasValueSatisfying(
            message -> assertThat(message).startsWith("\"" + value + "\" " + problem));
  }
}
