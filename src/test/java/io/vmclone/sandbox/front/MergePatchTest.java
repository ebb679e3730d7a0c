package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Cases from RFC 7386, appendix A, and the kubectl re-apply that the mock gets wrong. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'a':'b'}                    | {'a':'c'}            | {'a':'c'}",
        "{'a':'b'}                    | {'b':'c'}            | {'a':'b','b':'c'}",
        "{'a':'b'}                    | {'a':null}           | {}",
        "{'a':'b','b':'c'}            | {'a':null}           | {'b':'c'}",
        "{'a':['b']}                  | {'a':'c'}            | {'a':'c'}",
        "{'a':'c'}                    | {'a':['b']}          | {'a':['b']}",
        "{'a':{'b':'c'}}              | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}            | {'a':[1]}            | {'a':[1]}",
        "['a','b']                    | ['c','d']            | ['c','d']",
        "{'a':'b'}                    | ['c']                | ['c']",
        "{'e':null}                   | {'a':1}              | {'e':null,'a':1}",
        "[1,2]                        | {'a':'b','c':null}   | {'a':'b'}",
        "{}                           | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
        "{'spec':{'f':['*']}}         | {'spec':{'f':['*','!tier']}} | {'spec':{'f':['*','!tier']}}"
      })
  void appliesLikeRfc7386(String target, String patch, String expected) throws Exception {
    JsonNode result = MergePatch.apply(json(target), json(patch));

    assertThat(result).isEqualTo(json(expected));
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return MAPPER.readTree(singleQuoted.trim().replace('\'', '"'));
  }
}
