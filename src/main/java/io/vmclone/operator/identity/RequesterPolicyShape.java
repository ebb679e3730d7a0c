package io.vmclone.operator.identity;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the requester policy and its binding must say for the operator to trust the requester
 * annotations: the rules of the policy the operator was built with ({@code
 * k8s/requester-policy.yaml}, rendered from the chart and packaged beside this class), applied to
 * every VirtualMachineClone and enforced ({@code Deny}, {@code failurePolicy: Fail}). Names and
 * labels may differ; anything that could let a request through unchecked may not.
 */
final class RequesterPolicyShape {

  private static final String MANIFEST = "requester-policy.yaml";

  private final ValidatingAdmissionPolicySpec expected;

  private RequesterPolicyShape(ValidatingAdmissionPolicySpec expected) {
    this.expected = expected;
  }

  /** The shape of the policy packaged with the operator. */
  static RequesterPolicyShape packaged(KubernetesClient client) {
    try (InputStream in = RequesterPolicyShape.class.getResourceAsStream(MANIFEST)) {
      if (in == null) {
        throw new IllegalStateException(MANIFEST + " is not packaged beside the operator's code");
      }
      List<HasMetadata> objects = client.load(in).items();
      return new RequesterPolicyShape(
          objects.stream()
              .filter(ValidatingAdmissionPolicy.class::isInstance)
              .map(policy -> ((ValidatingAdmissionPolicy) policy).getSpec())
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(MANIFEST + " holds no policy")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How the live policy and binding differ from what the operator trusts; empty if they do not. */
  List<String> deviations(
      ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicyBinding binding) {
    List<String> deviations = new ArrayList<>();
    ValidatingAdmissionPolicySpec live = policy.getSpec();
    if (!"Fail".equals(live.getFailurePolicy())) {
      deviations.add("its failurePolicy is not Fail");
    }
    if (!expressions(live).equals(expressions(expected))) {
      deviations.add("its variables or validations are not the operator's");
    }
    if (live.getParamKind() != null || !isEmpty(live.getMatchConditions())) {
      deviations.add("it has parameters or match conditions");
    }
    MatchResources constraints = live.getMatchConstraints();
    if (constraints == null
        || !rules(constraints.getResourceRules())
            .equals(rules(expected.getMatchConstraints().getResourceRules()))
        || narrows(constraints)) {
      deviations.add("it does not match every VirtualMachineClone the operator's does");
    }
    if (!Objects.equals(binding.getSpec().getPolicyName(), policy.getMetadata().getName())) {
      deviations.add("the binding names another policy");
    }
    if (binding.getSpec().getValidationActions() == null
        || !binding.getSpec().getValidationActions().contains("Deny")) {
      deviations.add("the binding does not deny");
    }
    if (binding.getSpec().getParamRef() != null
        || (binding.getSpec().getMatchResources() != null
            && (narrows(binding.getSpec().getMatchResources())
                || !isEmpty(binding.getSpec().getMatchResources().getResourceRules())))) {
      deviations.add("the binding applies to fewer clones");
    }
    return deviations;
  }

  private static List<String> expressions(ValidatingAdmissionPolicySpec spec) {
    List<String> expressions = new ArrayList<>();
    for (Variable variable : nullToEmpty(spec.getVariables())) {
      expressions.add(variable.getName() + "=" + variable.getExpression());
    }
    for (Validation validation : nullToEmpty(spec.getValidations())) {
      expressions.add(validation.getExpression());
    }
    return expressions;
  }

  private static List<String> rules(List<NamedRuleWithOperations> rules) {
    List<String> described = new ArrayList<>();
    for (NamedRuleWithOperations rule : nullToEmpty(rules)) {
      described.add(
          rule.getApiGroups()
              + " "
              + rule.getApiVersions()
              + " "
              + rule.getOperations()
              + " "
              + rule.getResources()
              + " "
              + nullToEmpty(rule.getResourceNames()));
    }
    return described;
  }

  private static boolean narrows(MatchResources match) {
    return !isEmpty(match.getExcludeResourceRules())
        || selects(match.getNamespaceSelector())
        || selects(match.getObjectSelector());
  }

  private static boolean selects(LabelSelector selector) {
    return selector != null
        && (!isEmpty(selector.getMatchExpressions())
            || (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()));
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
