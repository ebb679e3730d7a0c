package io.vmclone.operator.platform.kubevirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.vmclone.testing.KubeVirtKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The platform's hand-written contexts agree with KubeVirt's and CDI's CRDs. */
class KubeVirtResourceTest {

  @ParameterizedTest
  @EnumSource(KubeVirtKind.class)
  void contextMatchesTheCrd(KubeVirtKind kind) {
    ResourceDefinitionContext expected = kind.context();

    ResourceDefinitionContext actual =
        KubeVirtResource.forKind(kind.kind()).orElseThrow().context();

    assertThat(actual.getGroup()).isEqualTo(expected.getGroup());
    assertThat(actual.getVersion()).isEqualTo(expected.getVersion());
    assertThat(actual.getPlural()).isEqualTo(expected.getPlural());
    assertThat(actual.getKind()).isEqualTo(expected.getKind());
    assertThat(actual.isNamespaceScoped()).isEqualTo(expected.isNamespaceScoped());
  }
}
