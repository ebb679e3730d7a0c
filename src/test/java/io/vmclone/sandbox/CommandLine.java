package io.vmclone.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} flags of the sandbox's main classes; a flag may repeat. Unknown flags and a
 * flag without a value are errors, so a typo never goes unnoticed. The mains turn the flags into
 * typed options right away.
 */
final class CommandLine {

  private final Map<String, List<String>> values;

  private CommandLine(Map<String, List<String>> values) {
    this.values = values;
  }

  static CommandLine parse(String[] args, Set<String> known) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.startsWith("--") || !known.contains(flag.substring(2))) {
        throw new IllegalArgumentException("unknown flag: " + flag + " (known: " + known + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("flag " + flag + " needs a value");
      }
      values.computeIfAbsent(flag.substring(2), k -> new ArrayList<>()).add(args[++i]);
    }
    return new CommandLine(values);
  }

  String value(String name, String fallback) {
    List<String> given = values.get(name);
    return given == null ? fallback : given.get(given.size() - 1);
  }

  int integer(String name, int fallback) {
    String given = value(name, null);
    try {
      return given == null ? fallback : Integer.parseInt(given);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("--" + name + " needs a number, not " + given);
    }
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
