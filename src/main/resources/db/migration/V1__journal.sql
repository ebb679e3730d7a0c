-- The journal of vmclone-operator. The database is the source of truth for every clone; the
-- VirtualMachineClone status is a projection of these rows.

-- One row per clone: the counterpart of a vSphere Task.
CREATE TABLE clone_task (
    id              uuid        PRIMARY KEY,
    clone_namespace text        NOT NULL,
    clone_name      text        NOT NULL,
    clone_uid       text        NOT NULL UNIQUE,
    state           text        NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCESS', 'ERROR')),
    progress        integer     NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    error_reason    text,
    error_message   text,
    queued_at       timestamptz NOT NULL,
    started_at      timestamptz,
    completed_at    timestamptz,
    deadline        timestamptz NOT NULL,
    max_restarts    integer     NOT NULL,
    restarts        integer     NOT NULL DEFAULT 0,
    requested_spec  jsonb       NOT NULL,
    result          jsonb
);

CREATE INDEX clone_task_active ON clone_task (state) WHERE state IN ('QUEUED', 'RUNNING');

-- One per task: the state of its workflow and who wrote it last.
CREATE TABLE workflow_journal (
    task_id          uuid        PRIMARY KEY REFERENCES clone_task (id) ON DELETE CASCADE,
    state            text        NOT NULL CHECK (state IN ('PENDING', 'COMMITTED', 'ABORTED')),
    current_action   text,
    last_incarnation uuid        NOT NULL,
    updated_at       timestamptz NOT NULL
);

-- The steps of a workflow, gap-free per task.
CREATE TABLE journal_entry (
    task_id     uuid        NOT NULL REFERENCES clone_task (id) ON DELETE CASCADE,
    seq         integer     NOT NULL,
    action      text        NOT NULL,
    state       text        NOT NULL CHECK (state IN ('STARTED', 'DONE', 'FAILED', 'UNDONE', 'RESTARTED', 'COMMITTED', 'ABORTED')),
    data        jsonb,
    message     text,
    written_at  timestamptz NOT NULL,
    incarnation uuid        NOT NULL,
    PRIMARY KEY (task_id, seq)
);

-- Locks on the objects a clone works with: SHARED on its source, EXCLUSIVE on its target name.
CREATE TABLE entity_flag (
    entity_kind text        NOT NULL,
    namespace   text        NOT NULL,
    name        text        NOT NULL,
    task_id     uuid        NOT NULL REFERENCES clone_task (id) ON DELETE CASCADE,
    mode        text        NOT NULL CHECK (mode IN ('SHARED', 'EXCLUSIVE')),
    entity_uid  text,
    in_recovery boolean     NOT NULL DEFAULT false,
    flagged_at  timestamptz NOT NULL,
    PRIMARY KEY (entity_kind, namespace, name, task_id)
);

CREATE INDEX entity_flag_task ON entity_flag (task_id);
