package io.vmclone.operator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vmclone.operator.api.CloneSource;
import io.vmclone.operator.api.SourceKind;
import io.vmclone.operator.api.VirtualMachineCloneSpec;
import io.vmclone.operator.config.OperatorConfig;
import io.vmclone.operator.identity.RequesterAnnotation;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.RequesterPolicyCheck;
import io.vmclone.operator.journal.Incarnation;
import io.vmclone.operator.journal.JournalRepository;
import io.vmclone.operator.metrics.CloneMetrics;
import io.vmclone.testing.Leaders;
import io.vmclone.testing.LogCapture;
import io.vmclone.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the task opener logs about a spec it refuses: the spec's own text, escaped, so that a filter
 * with a newline in it cannot add a line of its own to the operator's log.
 */
class TaskOpenerLogTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FORGED = "10:00:00.000 INFO  [i.v.o.w.TaskOpener] clone accepted";

  @Test
  void aLabelFilterWithANewlineIsLoggedOnOneLineEscaped() {
    VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
    spec.setSource(new CloneSource(SourceKind.VirtualMachine, "web", null));
    spec.setLabelFilters(List.of("app*x\n" + FORGED));

    List<String> logged;
    try (LogCapture log = LogCapture.of(TaskOpener.class)) {
      opener()
          .open(
              "default",
              "c",
              UUID.randomUUID().toString(),
              NOW,
              spec,
              RequesterAnnotation.of(new RequesterIdentity("alice", "uid-1", List.of()))
                  .orElseThrow());
      logged = log.messages();
    }

    assertThat(logged)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).startsWith("clone refused (InvalidSpec): spec.labelFilters[0]");
              assertThat(line).doesNotContain("\n").doesNotContain("\r");
              assertThat(line).contains("app*x\\n" + FORGED);
            });
  }

  private static TaskOpener opener() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    JournalRepository journal =
        new JournalRepository(
            TestDatabase.migratedDataSource("opener-log"),
            MAPPER,
            new Incarnation(),
            Leaders.leading("opener-log"),
            clock);
    return new TaskOpener(
        journal,
        policyInForce(),
        defaults(),
        new CloneMetrics(new SimpleMeterRegistry()),
        MAPPER,
        clock);
  }

  /** The requester policy in force: what is logged about the spec is the point here. */
  private static RequesterPolicyCheck policyInForce() {
    return new RequesterPolicyCheck(new KubernetesClientBuilder().build(), defaults()) {
      @Override
      public Optional<String> untrustedBecause(Instant cloneCreated) {
        return Optional.empty();
      }
    };
  }

  /** The operator's settings, all at their defaults. */
  private static OperatorConfig defaults() {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(OperatorConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .withValidateUnknown(false)
            .build();
    return config.getConfigMapping(OperatorConfig.class);
  }
}
