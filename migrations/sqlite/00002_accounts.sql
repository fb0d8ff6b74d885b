-- +goose Up
-- Account lifecycle: a disabled user cannot sign in and has no sessions or
-- tokens; a user signed in through the municipality's identity provider is
-- linked by issuer and subject; an operator's reset asks for a new password.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN oidc_subject TEXT;
CREATE UNIQUE INDEX users_oidc_subject ON users(oidc_subject) WHERE oidc_subject IS NOT NULL;

-- Tokens made before this migration keep acting with full rights and never
-- expire, as they did.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'write' CHECK (scope IN ('read','write'));
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP;
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE INDEX sessions_user ON sessions(user_id);

-- +goose Down
DROP INDEX sessions_user;
DROP INDEX api_tokens_user;
ALTER TABLE api_tokens DROP COLUMN expires_at;
ALTER TABLE api_tokens DROP COLUMN scope;
DROP INDEX users_oidc_subject;
ALTER TABLE users DROP COLUMN oidc_subject;
ALTER TABLE users DROP COLUMN must_change_password;
ALTER TABLE users DROP COLUMN disabled_at;
