package io.vmclone.operator.recovery;

import io.quarkus.runtime.StartupEvent;
import io.vmclone.operator.journal.LeaderEpoch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Stops the process the moment a journal write finds it fenced (another replica took a newer
 * leadership epoch): halting, not exiting, so that no shutdown hook makes another call.
 */
@ApplicationScoped
public class FencingGuard {

  private static final Logger LOG = Logger.getLogger(FencingGuard.class);

  void onStart(@Observes StartupEvent event, LeaderEpoch epoch) {
    epoch.onFenced(
        newer -> {
          LOG.errorf(
              "fenced: epoch %d is current, this process held %d; halting", newer, epoch.current());
          System.err.flush();
          Runtime.getRuntime().halt(3);
        });
  }
}
