-- The agents' state history: one row per state an agent was in, written when the state ends
-- (AgentActivityRecorder). Occupancy and each call's wrap-up are computed from it (docs/KPIS.md).
CREATE TABLE agent_activity (
  tenant_id VARCHAR(64) NOT NULL,
  agent_extension VARCHAR(32) NOT NULL,
  state VARCHAR(16) NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  -- PAUSED only.
  pause_reason VARCHAR(32),
  -- RINGING, ON_CALL and WRAP_UP: the customer call (calls.id).
  call_id VARCHAR(64)
);
-- A report reads the stretches that end after its start and begin before its end.
CREATE INDEX agent_activity_by_end ON agent_activity (tenant_id, ended_at, started_at);
