package io.vmclone.operator.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPatchesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"op\": \"add\", \"path\": \"/metadata/labels/tier\", \"value\": \"gold\"}",
        "{\"op\": \"add\", \"path\": \"/metadata/annotations/example.com~1owner\", \"value\": \"a\"}",
        "{\"op\": \"replace\", \"path\": \"/spec/template/spec/domain/cpu/cores\", \"value\": 4}",
        "{\"op\": \"add\", \"path\": \"/spec/template/spec/nodeSelector\", \"value\": null}",
        "{\"op\": \"remove\", \"path\": \"/metadata/labels/app\"}",
        "{\"op\": \"test\", \"path\": \"/kind\", \"value\": \"VirtualMachine\"}",
        "{\"op\": \"copy\", \"from\": \"/metadata/labels\", \"path\": \"/spec/template/metadata/labels\"}",
        "{\"op\": \"move\", \"from\": \"/metadata/labels/a\", \"path\": \"/metadata/labels/b\"}",
        "{\"op\": \"add\", \"path\": \"/spec/template/spec/volumes/-\", \"value\": {}, \"extra\": 1}"
      })
  void acceptsOneRfc6902Operation(String patch) {
    assertThat(JsonPatches.validate(List.of(patch))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json|not valid JSON",
        "{\"op\": \"add\"|not valid JSON",
        "{\"op\": \"remove\", \"path\": \"/a\"} {}|not valid JSON",
        "[{\"op\": \"remove\", \"path\": \"/a\"}]|must be one JSON patch operation as a JSON object",
        "\"remove /a\"|must be one JSON patch operation as a JSON object",
        "{\"path\": \"/a\"}|needs \"op\" as a string",
        "{\"op\": \"delete\", \"path\": \"/a\"}|op \"delete\" is none of add, remove",
        "{\"op\": \"remove\"}|needs \"path\" as a string",
        "{\"op\": \"remove\", \"path\": 3}|needs \"path\" as a string",
        "{\"op\": \"remove\", \"path\": \"metadata/labels\"}|\"path\" is not a JSON pointer",
        "{\"op\": \"remove\", \"path\": \"/a~2b\"}|\"path\" is not a JSON pointer",
        "{\"op\": \"add\", \"path\": \"/a\"}|op \"add\" needs a \"value\"",
        "{\"op\": \"replace\", \"path\": \"/a\"}|op \"replace\" needs a \"value\"",
        "{\"op\": \"test\", \"path\": \"/a\"}|op \"test\" needs a \"value\"",
        "{\"op\": \"copy\", \"path\": \"/a\"}|needs \"from\" as a string",
        "{\"op\": \"move\", \"from\": \"a\", \"path\": \"/b\"}|\"from\" is not a JSON pointer",
        "{\"op\": \"move\", \"from\": \"/a\", \"path\": \"/a/b\"}|must not be a parent of its \"path\""
      })
  void saysWhyAnEntryIsNotOneOperation(String patchAndProblem) {
    String patch = patchAndProblem.substring(0, patchAndProblem.lastIndexOf('|'));
    String problem = patchAndProblem.substring(patchAndProblem.lastIndexOf('|') + 1);

    List<SpecError> errors = JsonPatches.validate(List.of(patch));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).field()).isEqualTo("spec.patches[0]");
    assertThat(errors.get(0).message()).contains(problem);
  }

  @Test
  void namesTheIndexOfEachBadEntry() {
    List<SpecError> errors =
        JsonPatches.validate(
            List.of(
                "{\"op\": \"remove\", \"path\": \"/a\"}",
                "{}",
                "{\"op\": \"remove\", \"path\": \"/b\"}",
                "nope"));

    assertThat(errors)
        .extracting(SpecError::field)
        .containsExactly("spec.patches[1]", "spec.patches[3]");
  }

  @Test
  void parseReturnsTheOperationObject() {
    var operation = JsonPatches.parse("{\"op\": \"remove\", \"path\": \"/metadata/labels/app\"}");

    assertThat(operation.get("op").asText()).isEqualTo("remove");
    assertThat(operation.get("path").asText()).isEqualTo("/metadata/labels/app");
  }

  /**
   * A pointer of thousands of characters once overflowed the stack of the thread that checked it (a
   * recursive regular expression); a request thread's stack is small, so the check runs on one.
   */
  @Test
  void checksALongPointerWithoutExhaustingASmallStack() throws InterruptedException {
    String pointer = "/" + "a".repeat(JsonPatches.MAX_LENGTH - 40);
    String patch = "{\"op\": \"remove\", \"path\": \"" + pointer + "\"}";
    AtomicReference<Object> outcome = new AtomicReference<>();

    Thread small =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(JsonPatches.parse(patch).get("path").asText());
              } catch (Throwable e) {
                outcome.set(e);
              }
            },
            "small-stack",
            128 * 1024);
    small.start();
    small.join();

    assertThat(outcome.get()).isEqualTo(pointer);
  }

  @Test
  void refusesAnEntryLongerThanTheLimit() {
    String patch =
        "{\"op\": \"remove\", \"path\": \"/" + "a".repeat(JsonPatches.MAX_LENGTH) + "\"}";

    assertThat(JsonPatches.validate(List.of(patch)))
        .extracting(SpecError::toString)
        .containsExactly(
            "spec.patches[0]: is "
                + patch.length()
                + " characters long, more than "
                + JsonPatches.MAX_LENGTH);
  }

  @Test
  void refusesMoreEntriesThanTheLimit() {
    List<String> patches =
        Collections.nCopies(JsonPatches.MAX_ENTRIES + 1, "{\"op\": \"remove\", \"path\": \"/a\"}");

    assertThat(JsonPatches.validate(patches))
        .extracting(SpecError::toString)
        .containsExactly("spec.patches: has 65 entries, more than 64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/a~0b", "/a~1b/~01", "//"})
  void readsPointers(String pointer) {
    assertThat(JsonPatches.isPointer(pointer)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "/a~", "/a~2", "~1", "/~/"})
  void refusesWhatIsNotAPointer(String text) {
    assertThat(JsonPatches.isPointer(text)).isFalse();
  }
}
