package io.vmclone.operator.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The instructions of {@code src/main/docker/Dockerfile.jvm} that the tests check: what it copies,
 * as which user it runs, which ports it exposes, and the image its build comment tags.
 */
public record Dockerfile(List<Instruction> instructions, List<String> comments) {

  public static final Path JVM = Path.of("src", "main", "docker", "Dockerfile.jvm");

  /** One instruction: its keyword, its flags ({@code --chown=185}) and its arguments. */
  public record Instruction(String keyword, List<String> flags, List<String> arguments) {}

  /** A COPY: sources relative to the build context (the repository root), and a destination. */
  public record Copy(List<String> sources, String destination) {}

  public static Dockerfile read(Path file) {
    try {
      List<Instruction> instructions = new ArrayList<>();
      List<String> comments = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#")) {
          comments.add(trimmed.substring(1).strip());
        } else if (!trimmed.isEmpty()) {
          instructions.add(parse(trimmed));
        }
      }
      return new Dockerfile(List.copyOf(instructions), List.copyOf(comments));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Copy> copies() {
    return instructions.stream()
        .filter(instruction -> instruction.keyword().equals("COPY"))
        .map(
            copy -> {
              List<String> arguments = copy.arguments();
              return new Copy(
                  arguments.subList(0, arguments.size() - 1), arguments.get(arguments.size() - 1));
            })
        .toList();
  }

  public Optional<String> user() {
    return last("USER").map(instruction -> instruction.arguments().get(0));
  }

  public List<Integer> exposedPorts() {
    return instructions.stream()
        .filter(instruction -> instruction.keyword().equals("EXPOSE"))
        .flatMap(instruction -> instruction.arguments().stream())
        .map(port -> Integer.valueOf(port.replace("/tcp", "")))
        .toList();
  }

  /** The value of an {@code ENV NAME="value"} instruction. */
  public Optional<String> env(String name) {
    return instructions.stream()
        .filter(instruction -> instruction.keyword().equals("ENV"))
        .map(instruction -> String.join(" ", instruction.arguments()))
        .filter(assignment -> assignment.startsWith(name + "="))
        .map(assignment -> assignment.substring(name.length() + 1).replace("\"", ""))
        .reduce((first, second) -> second);
  }

  private Optional<Instruction> last(String keyword) {
    return instructions.stream()
        .filter(instruction -> instruction.keyword().equals(keyword))
        .reduce((first, second) -> second);
  }

  private static Instruction parse(String line) {
    List<String> words = Arrays.asList(line.split("\\s+"));
    List<String> flags = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    for (String word : words.subList(1, words.size())) {
      (word.startsWith("--") && arguments.isEmpty() ? flags : arguments).add(word);
    }
    return new Instruction(words.get(0).toUpperCase(), flags, arguments);
  }
}
