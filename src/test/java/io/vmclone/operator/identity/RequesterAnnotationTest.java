package io.vmclone.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequesterAnnotationTest {

  private static final RequesterIdentity BUILDER =
      new RequesterIdentity(
          "system:serviceaccount:ci:builder",
          "uid-1",
          List.of("system:serviceaccounts", "system:authenticated"),
          Map.of(
              "authentication.kubernetes.io/credential-id", List.of("JTI=abc"),
              "scopes", List.of("a", "b")));

  @Test
  void writesOneLinePerPartAndReadsItBack() {
    Map<String, String> annotations = RequesterAnnotation.of(BUILDER).orElseThrow();

    assertThat(annotations)
        .containsEntry(
            RequesterAnnotation.KEY,
            "system:serviceaccount:ci:builder\nuid-1\nsystem:serviceaccounts\nsystem:authenticated")
        .containsEntry(
            RequesterAnnotation.EXTRA_KEY,
            "authentication.kubernetes.io/credential-id\tJTI=abc\nscopes\ta\nscopes\tb");
    assertThat(RequesterAnnotation.read(annotations)).contains(BUILDER);
  }

  @Test
  void anEmptyUidAndNoGroupsStillReadBack() {
    RequesterIdentity bare = new RequesterIdentity("alice", "", List.of());

    Map<String, String> annotations = RequesterAnnotation.of(bare).orElseThrow();

    assertThat(annotations).containsExactly(Map.entry(RequesterAnnotation.KEY, "alice\n"));
    assertThat(RequesterAnnotation.read(annotations)).contains(bare);
  }

  @Test
  void aNameWithALineBreakOrAnExtraWithATabCannotBeWritten() {
    assertThat(RequesterAnnotation.of(new RequesterIdentity("alice\nadmin", "", List.of())))
        .isEmpty();
    assertThat(
            RequesterAnnotation.of(
                new RequesterIdentity("alice", "", List.of("dev\nsystem:masters"))))
        .isEmpty();
    assertThat(
            RequesterAnnotation.of(
                new RequesterIdentity("alice", "", List.of(), Map.of("k\tx", List.of("v")))))
        .isEmpty();
  }

  @Test
  void whatIsNotTheFormatReadsAsNoRequester() {
    assertThat(RequesterAnnotation.read(Map.of(RequesterAnnotation.KEY, "{\"username\":\"x\"}")))
        .isEmpty();
    assertThat(RequesterAnnotation.read(Map.of(RequesterAnnotation.KEY, "\nuid"))).isEmpty();
    assertThat(
            RequesterAnnotation.read(
                Map.of(RequesterAnnotation.KEY, "alice\n", RequesterAnnotation.EXTRA_KEY, "nokey")))
        .isEmpty();
    assertThat(RequesterAnnotation.read(null)).isEmpty();
  }
}
