-- The audit trail: append-only, hash-chained (each row's hash covers the previous row's hash
-- and its own content), so an edited or deleted row is detected by `atalaya audit verify`.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  tenant_id VARCHAR(64) NOT NULL,
  at_millis BIGINT NOT NULL,
  actor VARCHAR(128) NOT NULL,
  action VARCHAR(64) NOT NULL,
  target VARCHAR(256) NOT NULL,
  detail VARCHAR(2000) NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
);
CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, seq);
CREATE INDEX audit_log_target_idx ON audit_log (tenant_id, target);
