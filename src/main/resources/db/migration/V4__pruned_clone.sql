-- Tombstones of pruned tasks. Pruning deletes a finished task with its journal; the clone's CR may
-- live on, and its status is all that tells the operator the clone ran. Anyone who may write the
-- status subresource could wipe it, and the clone would run again as its original requester. A
-- tombstone per pruned clone UID says it ran; it is itself deleted after a much longer time.
CREATE TABLE pruned_clone (
    clone_uid       text        PRIMARY KEY,
    clone_namespace text        NOT NULL,
    clone_name      text        NOT NULL,
    task_id         uuid        NOT NULL,
    task_state      text        NOT NULL,
    completed_at    timestamptz,
    pruned_at       timestamptz NOT NULL
);

CREATE INDEX pruned_clone_pruned_at ON pruned_clone (pruned_at);
