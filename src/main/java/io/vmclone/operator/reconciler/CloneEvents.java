package io.vmclone.operator.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmclone.operator.api.VirtualMachineClone;
import io.vmclone.operator.config.ReplicaIdentity;
import io.vmclone.operator.logging.LogText;
import io.vmclone.operator.workflow.Notice;
import io.vmclone.operator.workflow.NoticePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Publishes notices about a clone as core/v1 Events, which {@code kubectl describe vmclone} shows.
 * Publishing is best effort: an event that cannot be written is logged, never allowed to fail the
 * clone.
 */
@ApplicationScoped
public class CloneEvents implements NoticePublisher {

  static final String COMPONENT = "vmclone-operator";
  private static final Logger LOG = Logger.getLogger(CloneEvents.class);
  private static final int MESSAGE_LIMIT = 1000;

  private final KubernetesClient client;
  private final ReplicaIdentity replica;
  private final Clock clock;

  public CloneEvents(KubernetesClient client, ReplicaIdentity replica, Clock clock) {
    this.client = client;
    this.replica = replica;
    this.clock = clock;
  }

  public void publish(VirtualMachineClone clone, List<Notice> notices) {
    notices.forEach(notice -> publish(clone, notice));
  }

  @Override
  public void publish(VirtualMachineClone clone, Notice notice) {
    String now = clock.instant().toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName(clone.getMetadata().getName() + ".")
            .withNamespace(clone.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(clone.getApiVersion())
                    .withKind(clone.getKind())
                    .withName(clone.getMetadata().getName())
                    .withNamespace(clone.getMetadata().getNamespace())
                    .withUid(clone.getMetadata().getUid())
                    .withResourceVersion(clone.getMetadata().getResourceVersion())
                    .build())
            .withType(notice.warning() ? "Warning" : "Normal")
            .withReason(notice.reason())
            .withMessage(StatusProjector.shorten(notice.message(), MESSAGE_LIMIT))
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("vmclone.io/" + COMPONENT)
            .withReportingInstance(replica.name())
            .build();
    try {
      client.v1().events().inNamespace(clone.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not publish event %s on %s/%s: %s",
          notice.reason(),
          clone.getMetadata().getNamespace(),
          clone.getMetadata().getName(),
          LogText.escape(e.getMessage()));
    }
  }
}
