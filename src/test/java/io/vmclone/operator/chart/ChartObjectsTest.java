package io.vmclone.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chart lints clean and every object it renders is a known kind with valid fields. */
class ChartObjectsTest extends ChartTestSupport {

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = chart.lint();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages())
        .as("only the icon recommendation may remain")
        .allMatch(message -> message.startsWith("[INFO] Chart.yaml: icon is recommended"));
  }

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void rendersOnlyKnownKindsWithValidFields(ValueSet values) {
    Rendering rendering = chart.render(values);

    assertThat(rendering.objects()).isNotEmpty().allMatch(KnownKinds::isKnown, "a known kind");
    for (RenderedObject object : rendering.objects()) {
      if (KnownKinds.isForeign(object)) {
        assertThat(KnownKinds.unexpectedSpecFields(object)).as("%s", object).isEmpty();
      } else {
        assertThat(KnownKinds.parse(object).getMetadata().getName()).as("%s", object).isNotBlank();
      }
    }
  }
}
