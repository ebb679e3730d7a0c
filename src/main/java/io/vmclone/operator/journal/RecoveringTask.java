package io.vmclone.operator.journal;

import java.util.UUID;

/**
 * An unfinished task marked recovering, with what the recovery scan needs of it.
 *
 * @param cloneUid the UID of the task's clone
 * @param source the source its spec names (the object its in-recovery annotation goes on)
 */
public record RecoveringTask(UUID id, String cloneUid, EntityLock source) {}
