package io.vmclone.operator.journal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The identity of this operator process, new at every start. Every journal write records it, so
 * that a journal left unfinished by another incarnation is recognised as interrupted, even when the
 * restarted process keeps its pod name and leader-election identity.
 */
@ApplicationScoped
public class Incarnation {

  /**
   * Written as a journal's last incarnation by a process that shut down cleanly with the task in a
   * consistent state: the next leader continues it without counting an interruption.
   */
  public static final UUID HANDED_OVER = new UUID(0, 0);

  private final UUID id = UUID.randomUUID();

  public UUID id() {
    return id;
  }
}
