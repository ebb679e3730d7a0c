package io.vmclone.sandbox.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vmclone.controlplane.KubeconfigWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mock-backed identity APIs' identities and rights, as read from a policy file (e.g. {@code
 * src/test/resources/mock-identity/policy.yaml}): people and ServiceAccounts with their bearer
 * tokens, and rules that grant them verbs on resources in namespaces. Valid by construction: {@link
 * #parse} rejects unknown fields, duplicate tokens and contexts, and rules that could never match.
 */
public record Policy(
    List<PolicyUser> users, List<PolicyServiceAccount> serviceAccounts, List<PolicyRule> rules) {

  static final String AUTHENTICATED = "system:authenticated";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public Policy {
    users = users == null ? List.of() : List.copyOf(users);
    serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  /**
   * Reads a policy from YAML.
   *
   * @throws IllegalArgumentException saying what is wrong, for a person to fix
   */
  public static Policy parse(String yaml) {
    Policy policy;
    try {
      policy = YAML.readValue(yaml, Policy.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage() + locationOf(e), e);
    }
    if (policy == null) {
      throw new IllegalArgumentException("the policy is empty");
    }
    List<String> problems = policy.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return policy;
  }

  /** The user or ServiceAccount whose kubeconfig token this is. */
  public Optional<PolicyUser> userWithToken(String token) {
    return users.stream().filter(user -> user.token().equals(token)).findFirst();
  }

  public Optional<PolicyServiceAccount> serviceAccountWithToken(String token) {
    return serviceAccounts.stream().filter(account -> account.token().equals(token)).findFirst();
  }

  public Optional<PolicyServiceAccount> serviceAccount(String namespace, String name) {
    return serviceAccounts.stream()
        .filter(account -> account.namespace().equals(namespace) && account.name().equals(name))
        .findFirst();
  }

  /** The kubeconfig contexts the policy asks for, users first, in file order. */
  public List<KubeconfigWriter.Context> kubeconfigContexts() {
    List<KubeconfigWriter.Context> contexts = new ArrayList<>();
    users.stream()
        .filter(user -> !user.context().isEmpty())
        .forEach(user -> contexts.add(new KubeconfigWriter.Context(user.context(), user.token())));
    serviceAccounts.stream()
        .filter(account -> !account.context().isEmpty())
        .forEach(
            account ->
                contexts.add(new KubeconfigWriter.Context(account.context(), account.token())));
    return contexts;
  }

  private List<String> problems() {
    List<String> problems = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    Set<String> contexts = new HashSet<>();
    for (PolicyUser user : users) {
      String what = "user \"" + user.name() + "\"";
      require(!blank(user.name()), "a user without a name", problems);
      checkCredentials(what, user.token(), user.context(), tokens, contexts, problems);
    }
    for (PolicyServiceAccount account : serviceAccounts) {
      String what = "serviceAccount \"" + account.namespace() + "/" + account.name() + "\"";
      require(
          !blank(account.namespace()) && !blank(account.name()),
          what + " needs a namespace and a name",
          problems);
      checkCredentials(what, account.token(), account.context(), tokens, contexts, problems);
    }
    for (int i = 0; i < rules.size(); i++) {
      checkRule("rules[" + i + "]", rules.get(i), problems);
    }
    return problems;
  }

  private static void checkCredentials(
      String what,
      String token,
      String context,
      Set<String> tokens,
      Set<String> contexts,
      List<String> problems) {
    require(!blank(token), what + " needs a token", problems);
    require(
        blank(token) || tokens.add(token), what + " has a token that is already taken", problems);
    require(
        context.isEmpty() || contexts.add(context),
        what + ": context \"" + context + "\" is used twice",
        problems);
  }

  private static void checkRule(String where, PolicyRule rule, List<String> problems) {
    require(!rule.subjects().isEmpty(), where + " has no subjects", problems);
    require(
        !rule.namespaces().isEmpty(), where + " has no namespaces (use [\"*\"] for all)", problems);
    require(!rule.permissions().isEmpty(), where + " has no permissions", problems);
    for (String reference : rule.subjects().serviceAccounts()) {
      require(
          reference.matches("[^/]+/[^/]+"),
          where + ": serviceAccount \"" + reference + "\" is not NAMESPACE/NAME",
          problems);
    }
    for (PolicyRule.Permission permission : rule.permissions()) {
      require(
          !permission.apiGroups().isEmpty()
              && !permission.resources().isEmpty()
              && !permission.verbs().isEmpty(),
          where
              + ": every permission needs apiGroups ([\"\"] for the core group), resources and verbs",
          problems);
    }
  }

  private static void require(boolean condition, String problem, List<String> problems) {
    if (!condition) {
      problems.add(problem);
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
