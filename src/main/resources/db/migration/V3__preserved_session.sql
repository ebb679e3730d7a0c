-- Identity: who asked for each clone, and how the operator acts for them. No credential is ever
-- stored here: a ServiceAccount's token lives only in the Secret named by token_secret_*.

ALTER TABLE clone_task ADD COLUMN requester jsonb;

CREATE TABLE preserved_session (
    id                     uuid        PRIMARY KEY,
    task_id                uuid        NOT NULL UNIQUE REFERENCES clone_task (id) ON DELETE CASCADE,
    username               text        NOT NULL,
    user_uid               text        NOT NULL,
    groups                 jsonb       NOT NULL,
    mode                   text        NOT NULL CHECK (mode IN ('TOKEN', 'IMPERSONATION', 'OPERATOR')),
    service_account        text,
    token_secret_namespace text,
    token_secret_name      text,
    expires_at             timestamptz,
    created_at             timestamptz NOT NULL
);

ALTER TABLE clone_task ADD COLUMN session_id uuid REFERENCES preserved_session (id);
