package io.vmclone.operator.workflow;

import io.vmclone.operator.platform.VmPlatform;

/**
 * The platform as a task's requester, for the side effects that must carry the requester's identity
 * (creating and starting the target VM). Reads and undo use the operator's own platform.
 */
public interface RequesterPlatforms {

  /** The platform acting for the task's requester; close it after use. */
  Acting forTask(TaskContext context);

  /** Acts as the operator itself: for tests of the actions, which have no requester. */
  static RequesterPlatforms operator(VmPlatform platform) {
    return context -> new Acting(platform, null);
  }

  /** A platform and the resource (a client of its own) it holds, if any. */
  record Acting(VmPlatform platform, AutoCloseable resource) implements AutoCloseable {
    @Override
    public void close() {
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing the requester's client", e);
        }
      }
    }
  }
}
