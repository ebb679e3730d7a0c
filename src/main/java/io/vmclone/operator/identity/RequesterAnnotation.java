package io.vmclone.operator.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The annotations that carry a clone's requester: {@value #KEY} (username, uid and groups, one per
 * line) and, when the user has extra attributes, {@value #EXTRA_KEY} (one {@code key<TAB>value}
 * line per value). The operator's mutating webhook writes them on CREATE from the request's
 * userInfo; the API server's ValidatingAdmissionPolicy {@code k8s/requester-policy.yaml} admits the
 * clone only if they are exactly the userInfo of the request that creates it, and keeps them from
 * changing. That policy compares the lines with CEL, so this format must stay what CEL's {@code
 * split} sees: a name with a line break (or an extra with a tab) cannot be represented, and such a
 * user cannot be stamped.
 */
public final class RequesterAnnotation {

  public static final String KEY = "vmclone.io/requester";
  public static final String EXTRA_KEY = "vmclone.io/requester-extra";

  private static final String LINE = "\n";
  private static final String PAIR = "\t";

  private RequesterAnnotation() {}

  /**
   * The annotations that name this requester, or empty if a part of their userInfo cannot be
   * written in this format (a line break in a name, a tab in an extra).
   */
  public static Optional<Map<String, String>> of(RequesterIdentity requester) {
    List<String> lines = new ArrayList<>();
    lines.add(requester.username());
    lines.add(requester.uid());
    lines.addAll(requester.groups());
    if (requester.username().isEmpty() || lines.stream().anyMatch(line -> line.contains(LINE))) {
      return Optional.empty();
    }
    List<String> extraLines = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : requester.extra().entrySet()) {
      for (String value : entry.getValue()) {
        if (unfit(entry.getKey()) || unfit(value)) {
          return Optional.empty();
        }
        extraLines.add(entry.getKey() + PAIR + value);
      }
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(KEY, String.join(LINE, lines));
    if (!extraLines.isEmpty()) {
      annotations.put(EXTRA_KEY, String.join(LINE, extraLines));
    }
    return Optional.of(annotations);
  }

  /** The requester the annotations name, or empty if there is none or it does not parse. */
  public static Optional<RequesterIdentity> read(Map<String, String> annotations) {
    String value = annotations == null ? null : annotations.get(KEY);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = Arrays.asList(value.split(LINE, -1));
    if (lines.size() < 2 || lines.get(0).isEmpty()) {
      return Optional.empty();
    }
    Optional<Map<String, List<String>>> extra = extra(annotations.getOrDefault(EXTRA_KEY, ""));
    return extra.map(
        attributes ->
            new RequesterIdentity(
                lines.get(0), lines.get(1), lines.subList(2, lines.size()), attributes));
  }

  private static Optional<Map<String, List<String>>> extra(String value) {
    Map<String, List<String>> extra = new TreeMap<>();
    if (value.isEmpty()) {
      return Optional.of(extra);
    }
    for (String line : value.split(LINE, -1)) {
      String[] pair = line.split(PAIR, -1);
      if (pair.length != 2) {
        return Optional.empty();
      }
      extra.computeIfAbsent(pair[0], key -> new ArrayList<>()).add(pair[1]);
    }
    return Optional.of(extra);
  }

  private static boolean unfit(String text) {
    return text.contains(LINE) || text.contains(PAIR);
  }
}
