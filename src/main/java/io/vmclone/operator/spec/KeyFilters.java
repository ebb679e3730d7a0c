package io.vmclone.operator.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * KubeVirt's label and annotation filters ({@code spec.labelFilters} and its siblings), which
 * choose the metadata keys of the source a clone keeps.
 *
 * <p>Syntax (as KubeVirt's clone admission checks it): a filter is a key ({@code app}), a prefix
 * ending in {@code *} ({@code example.com/*}) or {@code *} alone; a leading {@code !} negates it.
 * {@code *} is allowed only at the end, {@code !} only at the start, and neither {@code !} alone
 * nor an empty filter is a filter.
 *
 * <p>Semantics (as KubeVirt's clone controller applies them): no filters (null or empty) keep every
 * key. Otherwise a key is kept when <em>at least one positive filter matches it and no negated
 * filter does</em>, wherever the filters stand in the list: negation takes precedence and order
 * does not matter. A list of negated filters only therefore keeps nothing, as in KubeVirt; {@code
 * ["*", "!example.com/*"]} keeps everything but {@code example.com/} keys.
 *
 * <p>Matching is literal: {@code app} matches the key {@code app} only, {@code app*} every key that
 * starts with {@code app}. KubeVirt's controller feeds filters to an unanchored regular expression
 * match, so there {@code app} also matches {@code myapp} and {@code .} any character; this class
 * implements the documented syntax, not that accident.
 */
public final class KeyFilters {

  private static final KeyFilters KEEP_ALL = new KeyFilters(List.of(), List.of());

  private final List<Pattern> positive;
  private final List<Pattern> negative;

  private KeyFilters(List<Pattern> positive, List<Pattern> negative) {
    this.positive = positive;
    this.negative = negative;
  }

  /**
   * The filters of a spec field.
   *
   * @throws IllegalArgumentException if a filter is invalid (see {@link #validate})
   */
  public static KeyFilters of(List<String> filters) {
    if (filters == null || filters.isEmpty()) {
      return KEEP_ALL;
    }
    List<Pattern> positive = new ArrayList<>();
    List<Pattern> negative = new ArrayList<>();
    for (String filter : filters) {
      syntaxProblem(filter)
          .ifPresent(
              problem -> {
                throw new IllegalArgumentException(quote(filter) + ": " + problem);
              });
      boolean negated = filter.startsWith("!");
      String body = negated ? filter.substring(1) : filter;
      (negated ? negative : positive).add(Pattern.of(body));
    }
    return new KeyFilters(List.copyOf(positive), List.copyOf(negative));
  }

  /**
   * The syntax errors of a list of filters, one per bad filter, named {@code field[index]}.
   *
   * @param field the list's path, e.g. {@code spec.labelFilters}
   */
  public static List<SpecError> validate(String field, List<String> filters) {
    List<SpecError> errors = new ArrayList<>();
    if (filters == null) {
      return errors;
    }
    for (int i = 0; i < filters.size(); i++) {
      String filter = filters.get(i);
      int index = i;
      syntaxProblem(filter)
          .ifPresent(
              problem ->
                  errors.add(
                      new SpecError(field + "[" + index + "]", quote(filter) + ": " + problem)));
    }
    return errors;
  }

  /** Whether a key of the source is kept. */
  public boolean keeps(String key) {
    if (positive.isEmpty() && negative.isEmpty()) {
      return true;
    }
    return positive.stream().anyMatch(p -> p.matches(key))
        && negative.stream().noneMatch(p -> p.matches(key));
  }

  private static Optional<String> syntaxProblem(String filter) {
    if (filter == null || filter.isEmpty()) {
      return Optional.of("a filter must not be empty");
    }
    if (filter.equals("!")) {
      return Optional.of("'!' alone is not a filter");
    }
    if (filter.indexOf('!', 1) >= 0) {
      return Optional.of("'!' is allowed only at the start");
    }
    int star = filter.indexOf('*');
    if (star >= 0 && star < filter.length() - 1) {
      return Optional.of("'*' is allowed only at the end");
    }
    return Optional.empty();
  }

  private static String quote(String filter) {
    return "\"" + filter + "\"";
  }

  /** One filter without its negation: a whole key, or a prefix when it ended in '*'. */
  private record Pattern(String text, boolean prefix) {

    static Pattern of(String body) {
      return body.endsWith("*")
          ? new Pattern(body.substring(0, body.length() - 1), true)
          : new Pattern(body, false);
    }

    boolean matches(String key) {
      return prefix ? key.startsWith(text) : key.equals(text);
    }
  }
}
