package io.vmclone.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revoking a right is an edit of the file: the next check sees it. */
class PolicyFileTest {

  private static final String GRANT =
      """
      users: [{name: alice, token: t-alice, context: sandbox}]
      rules:
        - subjects: {users: [alice]}
          namespaces: [default]
          permissions: [{apiGroups: [kubevirt.io], resources: [virtualmachines], verbs: [create]}]
      """;
  private static final String NO_GRANT =
      "users: [{name: alice, token: t-alice, context: sandbox}]\n";
  private static final AccessRequest CREATE_VM =
      new AccessRequest("create", "kubevirt.io", "virtualmachines", "", "default", "");

  @TempDir Path dir;

  @Test
  void anEditTakesEffectAtTheNextCheckAndTellsTheListeners() throws IOException {
    Path file = write(GRANT, 1);
    try (PolicyFile policy = PolicyFile.load(file)) {
      List<Policy> seen = new ArrayList<>();
      policy.onChange(seen::add);
      Authorizer authorizer = new Authorizer(policy::current);
      boolean before = allowed(authorizer);

      write(NO_GRANT, 2);
      boolean reloaded = policy.reloadIfChanged();

      assertThat(before).isTrue();
      assertThat(reloaded).isTrue();
      assertThat(allowed(authorizer)).isFalse();
      assertThat(seen).containsExactly(policy.current());
    }
  }

  @Test
  void anUnchangedFileIsNotReadAgain() throws IOException {
    Path file = write(GRANT, 1);
    try (PolicyFile policy = PolicyFile.load(file)) {
      Policy first = policy.current();

      assertThat(policy.reloadIfChanged()).isFalse();
      assertThat(policy.current()).isSameAs(first);
    }
  }

  @Test
  void anEditThatDoesNotParseLeavesThePreviousPolicyInForce() throws IOException {
    Path file = write(GRANT, 1);
    try (PolicyFile policy = PolicyFile.load(file)) {
      Authorizer authorizer = new Authorizer(policy::current);

      write("rules: [{subjects: {users: [alice]}, namespaces: [default], permissions: [", 2);
      boolean reloaded = policy.reloadIfChanged();

      assertThat(reloaded).isFalse();
      assertThat(allowed(authorizer)).isTrue();

      write(NO_GRANT, 3);
      assertThat(policy.reloadIfChanged()).isTrue();
      assertThat(allowed(authorizer)).isFalse();
    }
  }

  @Test
  void anInvalidFileAtStartIsAnErrorNamingTheFile() throws IOException {
    Path file = write("users: [{name: alice}]", 1);

    assertThatThrownBy(() -> PolicyFile.load(file))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("user \"alice\" needs a token");
  }

  private static boolean allowed(Authorizer authorizer) {
    return authorizer
        .decide(new io.vmclone.sandbox.front.UserInfo("alice", "", List.of()), CREATE_VM)
        .allowed();
  }

  /** Writes the file with a modification time of its own, as a later save would have. */
  private Path write(String yaml, int version) throws IOException {
    Path file = dir.resolve("rbac.yaml");
    Files.writeString(file, yaml);
    Files.setLastModifiedTime(
        file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version)));
    return file;
  }
}
