package io.vmclone.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vmclone.controlplane.AuditLog;
import io.vmclone.controlplane.User;
import io.vmclone.operator.api.ClonePhase;
import io.vmclone.operator.identity.AccessReviewer;
import io.vmclone.operator.identity.RequesterIdentity;
import io.vmclone.operator.identity.Right;
import io.vmclone.operator.workflow.action.RequiredRights;
import io.vmclone.testing.OperatorInstall;
import io.vmclone.testing.OperatorOnControlPlane;
import io.vmclone.testing.PostgresResource;
import io.vmclone.testing.TestControlPlane;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clones of one requester cost one SubjectAccessReview per distinct right while the allowed
 * answers are reused ({@code vmclone.identity.access-review-cache}, a minute here so that a slow
 * machine cannot make an answer expire mid-test); a denial is asked again every time, so a right
 * granted meanwhile is seen at once. The reviews are counted in the API server's audit log: every
 * SubjectAccessReview the operator's ServiceAccount sent.
 */
@QuarkusTest
@TestProfile(AccessReviewCacheIT.MinuteLongAnswers.class)
@QuarkusTestResource(value = OperatorOnControlPlane.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = true)
class AccessReviewCacheIT extends OperatorIT {

  /** Allowed answers are reused for a minute (a tenth of the recheck, which is ten minutes). */
  public static class MinuteLongAnswers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "vmclone.identity.recheck-after", "10m",
          "vmclone.identity.access-review-cache", "1m");
    }
  }

  @Inject AccessReviewer reviewer;

  @Test
  void aBurstOfClonesOfOneRequesterCostsOneReviewPerDistinctRight() throws Exception {
    String source = unique("web");
    createVm(source);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      names.add(unique("burst"));
    }
    long before = TestControlPlane.get().auditLog().end();

    ExecutorService creators = Executors.newFixedThreadPool(names.size());
    try {
      List<Future<?>> created = new ArrayList<>();
      for (String name : names) {
        created.add(creators.submit(() -> createCloneAs("alice", name, source, spec -> {})));
      }
      for (Future<?> create : created) {
        create.get(30, TimeUnit.SECONDS);
      }
    } finally {
      creators.shutdownNow();
    }
    for (String name : names) {
      awaitPhase(name, ClonePhase.Succeeded);
    }

    int distinctRights =
        RequiredRights.of(newClone("any", source, spec -> {}).getSpec(), namespace).size();
    assertThat(operatorReviewsSince(before))
        .as("%d clones of alice, %d distinct rights", names.size(), distinctRights)
        .hasSize(distinctRights);
  }

  @Test
  void manyChecksOfTheSameRightsAtOnceCostOneReviewEach() throws Exception {
    RequesterIdentity alice = identity("alice");
    List<Right> rights = List.of(getVm(unique("a")), getVm(unique("b")), getVm(unique("c")));
    long before = TestControlPlane.get().auditLog().end();

    ExecutorService checkers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<String>>> checks = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        checks.add(checkers.submit(() -> reviewer.firstDenied(alice, rights)));
      }
      for (Future<Optional<String>> check : checks) {
        assertThat(check.get(30, TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      checkers.shutdownNow();
    }

    assertThat(operatorReviewsSince(before)).hasSize(rights.size());
  }

  @Test
  void aDenialIsAskedAgainSoARightGrantedMeanwhileIsSeenAtOnce() {
    RequesterIdentity bob = identity("bob");
    Right createVms = new Right("create", "kubevirt.io", "virtualmachines", "", namespace, "");
    long before = TestControlPlane.get().auditLog().end();

    assertThat(reviewer.firstDenied(bob, List.of(createVms))).isPresent();
    assertThat(reviewer.firstDenied(bob, List.of(createVms))).isPresent();
    RequesterRoles.grantAllBut(namespace, "bob", "cdi.kubevirt.io", "datavolumes", "create");

    assertThat(reviewer.firstDenied(bob, List.of(createVms))).isEmpty();
    assertThat(operatorReviewsSince(before)).as("each denial was asked anew").hasSize(3);
  }

  private Right getVm(String name) {
    return new Right("get", "kubevirt.io", "virtualmachines", "", namespace, name);
  }

  private static RequesterIdentity identity(String name) {
    User user = TestControlPlane.get().user(name);
    return new RequesterIdentity(user.name(), user.uid(), user.groups());
  }

  /**
   * The SubjectAccessReviews the operator's ServiceAccount sent since that point of the audit log,
   * read once a request made after all of them is in the log.
   */
  private List<AuditLog.Event> operatorReviewsSince(long point) {
    String marker = unique("marker");
    client.configMaps().inNamespace(namespace).withName(marker).get();
    AuditLog log = TestControlPlane.get().auditLog();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !log.eventsFrom(point, e -> marker.equals(e.name())).events().isEmpty());
    return log.eventsFrom(
            point,
            e ->
                OperatorInstall.USER.equals(e.user())
                    && "create".equals(e.verb())
                    && "subjectaccessreviews".equals(e.resource()))
        .events();
  }
}
