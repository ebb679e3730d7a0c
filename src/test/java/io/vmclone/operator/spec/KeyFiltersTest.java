package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyFiltersTest {

  /** filters (separated by spaces, "-" for none) | key | kept. */
  @ParameterizedTest(name = "filters [{0}] keep {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -                        | app                  | true
          *                        | anything/at.all      | true
          app                      | app                  | true
          app                      | myapp                | false
          app                      | app2                 | false
          app*                     | app2                 | true
          example.com/*            | example.com/tier     | true
          example.com/*            | exampleXcom/tier     | false
          example.com/*            | other.io/tier        | false
          * !example.com/*         | example.com/tier     | false
          * !example.com/*         | other.io/tier        | true
          !example.com/* *         | example.com/tier     | false
          !example.com/* *         | other.io/tier        | true
          !example.com/*           | other.io/tier        | false
          app !app                 | app                  | false
          !app app                 | app                  | false
          a* !ab* abc              | abc                  | false
          a* !ab*                  | ac                   | true
          * !*                     | app                  | false
          tier env                 | env                  | true
          tier env                 | zone                 | false
          """)
  void keepsKeyWhenSomePositiveAndNoNegatedFilterMatches(String filters, String key, boolean kept) {
    assertThat(KeyFilters.of(parse(filters)).keeps(key)).isEqualTo(kept);
  }

  @Test
  void emptyListKeepsEverythingLikeNoList() {
    assertThat(KeyFilters.of(List.of()).keeps("any/key")).isTrue();
    assertThat(KeyFilters.of(null).keeps("any/key")).isTrue();
  }

  /** filter | error message ("-" for valid). */
  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          *            | -
          app          | -
          app*         | -
          !app         | -
          !app*        | -
          !*           | -
          a*b          | '*' is allowed only at the end
          */key        | '*' is allowed only at the end
          **           | '*' is allowed only at the end
          key!         | '!' is allowed only at the start
          some/!key    | '!' is allowed only at the start
          !!key        | '!' is allowed only at the start
          !            | '!' alone is not a filter
          """)
  void validatesFilterSyntax(String filter, String problem) {
    List<SpecError> errors = KeyFilters.validate("spec.labelFilters", List.of("ok", filter));

    if (problem.equals("-")) {
      assertThat(errors).isEmpty();
    } else {
      assertThat(errors)
          .containsExactly(new SpecError("spec.labelFilters[1]", "\"" + filter + "\": " + problem));
    }
  }

  @Test
  void namesFieldAndIndexOfEveryBadFilter() {
    List<SpecError> errors =
        KeyFilters.validate("spec.template.annotationFilters", List.of("a", "", "x", "a*b"));

    assertThat(errors)
        .extracting(SpecError::toString)
        .containsExactly(
            "spec.template.annotationFilters[1]: \"\": a filter must not be empty",
            "spec.template.annotationFilters[3]: \"a*b\": '*' is allowed only at the end");
  }

  @Test
  void refusesToBuildFiltersFromInvalidSyntax() {
    assertThatThrownBy(() -> KeyFilters.of(List.of("a*b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"a*b\": '*' is allowed only at the end");
  }

  private static List<String> parse(String filters) {
    return filters.equals("-") ? List.of() : Arrays.asList(filters.trim().split("\\s+"));
  }
}
