package io.vmclone.operator.journal;

import java.util.UUID;

/** A lock a task could not take because another task holds a conflicting one. */
public record LockConflict(EntityLock wanted, UUID holderTaskId, EntityLock.Mode holderMode) {}
