-- Per-recording data keys, wrapped (encrypted) by the tenant's key from the keystore.
-- Destroying a row is crypto-erasure: the blob, and every backup copy of it, becomes unreadable.
-- The wrapped key is base64 text so the column type is the same on H2 and PostgreSQL.
CREATE TABLE recording_keys (
  blob_key VARCHAR(512) PRIMARY KEY,
  tenant_id VARCHAR(64) NOT NULL,
  tenant_key_id BIGINT NOT NULL,
  wrapped_key VARCHAR(4096) NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX recording_keys_tenant_idx ON recording_keys (tenant_id, tenant_key_id);
CREATE INDEX recordings_status_idx ON recordings (status);
