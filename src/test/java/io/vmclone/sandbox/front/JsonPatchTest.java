package io.vmclone.sandbox.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPatchTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Cases from RFC 6902, appendix A, and the annotation patch a mutating webhook sends. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'foo':'bar'}           | [{'op':'add','path':'/baz','value':'qux'}]          | {'foo':'bar','baz':'qux'}",
        "{'foo':['bar','baz']}   | [{'op':'add','path':'/foo/1','value':'qux'}]        | {'foo':['bar','qux','baz']}",
        "{'foo':['bar']}         | [{'op':'add','path':'/foo/-','value':'qux'}]        | {'foo':['bar','qux']}",
        "{'baz':'qux','foo':'bar'} | [{'op':'remove','path':'/baz'}]                   | {'foo':'bar'}",
        "{'foo':['bar','qux','baz']} | [{'op':'remove','path':'/foo/1'}]               | {'foo':['bar','baz']}",
        "{'baz':'qux','foo':'bar'} | [{'op':'replace','path':'/baz','value':'boo'}]    | {'baz':'boo','foo':'bar'}",
        "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}} | [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}] | {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}",
        "{'foo':['all','grass','cows','eat']} | [{'op':'move','from':'/foo/1','path':'/foo/3'}] | {'foo':['all','cows','eat','grass']}",
        "{'baz':'qux','foo':['a',2,'c']} | [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}] | {'baz':'qux','foo':['a',2,'c']}",
        "{'a':1}                 | [{'op':'copy','from':'/a','path':'/b'}]             | {'a':1,'b':1}",
        "{'metadata':{}}         | [{'op':'add','path':'/metadata/annotations','value':{'vmclone.io/requester':'x'}}] | {'metadata':{'annotations':{'vmclone.io/requester':'x'}}}",
        "{'metadata':{'annotations':{}}} | [{'op':'add','path':'/metadata/annotations/vmclone.io~1requester','value':'x'}] | {'metadata':{'annotations':{'vmclone.io/requester':'x'}}}",
        "{'~a':1}                | [{'op':'replace','path':'/~0a','value':2}]          | {'~a':2}",
      })
  void appliesLikeRfc6902(String target, String patch, String expected) throws Exception {
    JsonNode before = json(target);

    JsonNode result = JsonPatch.apply(before, json(patch));

    assertThat(result).isEqualTo(json(expected));
    assertThat(before).as("the target is not changed").isEqualTo(json(target));
  }

  @ParameterizedTest(name = "{0} + {1} fails: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'baz':'qux'}     | [{'op':'test','path':'/baz','value':'bar'}]   | testing value /baz failed",
        "{'foo':'bar'}     | [{'op':'add','path':'/baz/bat','value':'q'}]  | path /baz does not exist",
        "{'foo':'bar'}     | [{'op':'remove','path':'/nope'}]              | path /nope does not exist",
        "{'foo':['bar']}   | [{'op':'add','path':'/foo/2','value':'q'}]    | \"2\" is not an index",
        "{'foo':'bar'}     | [{'op':'frobnicate','path':'/foo'}]           | unknown JSON patch operation",
        "{'foo':'bar'}     | {'op':'remove','path':'/foo'}                 | a JSON patch is an array",
      })
  void refusesWhatDoesNotApply(String target, String patch, String message) throws Exception {
    assertThatThrownBy(() -> JsonPatch.apply(json(target), json(patch)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return MAPPER.readTree(singleQuoted.replace('\'', '"'));
  }
}
