-- The audit trail: one row per entry, each writer's entries a SHA-256 hash chain (prev_hash -> hash).
-- Append-only: triggers reject UPDATE, DELETE and TRUNCATE; the engine only ever inserts
-- (INSERT ... ON CONFLICT (writer_id, seq) DO NOTHING, so replaying a journal is idempotent).
CREATE TABLE IF NOT EXISTS ${schema}.audit_log (
    writer_id   text        NOT NULL,
    seq         bigint      NOT NULL,
    at          timestamptz NOT NULL,
    category    text        NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    symbol      text,
    data_type   text,
    outcome     text        NOT NULL,
    detail      text,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL,
    stored_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (writer_id, seq)
);
CREATE INDEX IF NOT EXISTS audit_log_newest ON ${schema}.audit_log (at DESC, writer_id DESC, seq DESC);
CREATE INDEX IF NOT EXISTS audit_log_actor ON ${schema}.audit_log (actor, at DESC);

CREATE OR REPLACE FUNCTION ${schema}.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % rejected', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
DROP TRIGGER IF EXISTS audit_log_no_change ON ${schema}.audit_log;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON ${schema}.audit_log
    FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_log_append_only();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON ${schema}.audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${schema}.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.audit_log_append_only();
