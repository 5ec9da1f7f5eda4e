-- Transfers: how many times an agent handed the caller on, and each agent's time with the caller,
-- in order (the recording holds them all on its right channel).
ALTER TABLE calls ADD COLUMN transfers INT DEFAULT 0 NOT NULL;
CREATE TABLE call_segments (
  tenant_id VARCHAR(64) NOT NULL,
  call_id VARCHAR(64) NOT NULL,
  ordinal INT NOT NULL,
  agent_extension VARCHAR(32) NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  ended_how VARCHAR(32) NOT NULL,
  PRIMARY KEY (tenant_id, call_id, ordinal)
);
-- An agent's own calls include those transferred to it.
CREATE INDEX call_segments_agent ON call_segments (tenant_id, agent_extension);
