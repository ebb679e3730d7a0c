package io.vmclone.operator.logging;

import org.jboss.logging.MDC;

/**
 * Names every log line of a clone's work: while a scope is open on a thread, the MDC carries
 * {@value #CLONE_NAMESPACE}, {@value #CLONE_NAME}, {@value #CLONE} (namespace/name, for people and
 * the text format), {@value #TASK_ID} once the task is known, and {@value #ACTION} while an action
 * runs. JSON logs show them under {@code mdc}; the text format prints them after the thread name.
 *
 * <p>A scope removes its keys when closed, so a pooled thread never carries a clone into the next
 * piece of work. Scopes do not nest; the reconciler opens one per reconcile, the recovery scan one
 * per task it closes.
 */
public final class CloneMdc implements AutoCloseable {

  public static final String TASK_ID = "taskId";
  public static final String CLONE_NAMESPACE = "cloneNamespace";
  public static final String CLONE_NAME = "cloneName";
  public static final String CLONE = "clone";
  public static final String ACTION = "action";

  private CloneMdc() {}

  /** Opens the scope of one clone's work on this thread. */
  public static CloneMdc open(String namespace, String name) {
    MDC.put(CLONE_NAMESPACE, namespace);
    MDC.put(CLONE_NAME, name);
    MDC.put(CLONE, namespace + "/" + name);
    return new CloneMdc();
  }

  /** The clone's task, once it is known. */
  public static void task(Object taskId) {
    put(TASK_ID, taskId);
  }

  /** The action the work is about now; null when it is about none. */
  public static void action(String action) {
    put(ACTION, action);
  }

  @Override
  public void close() {
    for (String key : new String[] {TASK_ID, CLONE_NAMESPACE, CLONE_NAME, CLONE, ACTION}) {
      MDC.remove(key);
    }
  }

  private static void put(String key, Object value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value.toString());
    }
  }
}
