-- API keys and refresh tokens (issue 9). Secrets are never stored: only their SHA-256 (hex).
CREATE TABLE ${schema}.api_keys (
    id          text PRIMARY KEY,
    key_hash    text NOT NULL UNIQUE,
    owner       text NOT NULL,
    plan        text NOT NULL,
    roles       text[] NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE TABLE ${schema}.refresh_tokens (
    token_hash  text PRIMARY KEY,
    family      text NOT NULL,
    key_id      text NOT NULL REFERENCES ${schema}.api_keys (id),
    expires_at  timestamptz NOT NULL,
    used        boolean NOT NULL DEFAULT false,
    revoked     boolean NOT NULL DEFAULT false
);
CREATE INDEX refresh_tokens_family ON ${schema}.refresh_tokens (family);
CREATE INDEX refresh_tokens_key ON ${schema}.refresh_tokens (key_id);
