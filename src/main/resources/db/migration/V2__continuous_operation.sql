-- Continuous operation: leadership epochs for fencing, and the recovery state of interrupted tasks.

-- One row: the leadership epoch. Each new leader increments it; every journal transaction checks
-- that the epoch it holds is still the current one, so a deposed leader cannot write.
CREATE TABLE leadership (
    id          integer     PRIMARY KEY CHECK (id = 1),
    epoch       bigint      NOT NULL,
    holder      text,
    incarnation uuid,
    acquired_at timestamptz
);
INSERT INTO leadership (id, epoch) VALUES (1, 0);

-- Set when a leader finds the task interrupted (its journal last written by another
-- incarnation); cleared when the task runs forward again or ends.
ALTER TABLE workflow_journal ADD COLUMN recovering_since timestamptz;

CREATE INDEX workflow_journal_pending ON workflow_journal (last_incarnation) WHERE state = 'PENDING';
CREATE INDEX entity_flag_entity ON entity_flag (entity_kind, namespace, name);
