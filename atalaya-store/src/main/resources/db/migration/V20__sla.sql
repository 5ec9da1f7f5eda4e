-- SLA definitions, the breaches found (kept when a definition goes: they are the record of what
-- was missed), each tenant's breach webhook, and every delivery attempt.
CREATE TABLE sla_definitions (
  tenant_id VARCHAR(64) NOT NULL,
  id VARCHAR(64) NOT NULL,
  name VARCHAR(120) NOT NULL,
  metric VARCHAR(16) NOT NULL,
  comparator VARCHAR(16) NOT NULL,
  target DOUBLE PRECISION NOT NULL,
  threshold_s INT,
  queue_name VARCHAR(128),
  period VARCHAR(8) NOT NULL,
  zone VARCHAR(64) NOT NULL,
  min_calls INT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- The definition as it was judged is copied in, so an edited or deleted one leaves history intact.
CREATE TABLE sla_breaches (
  id VARCHAR(64) PRIMARY KEY,
  tenant_id VARCHAR(64) NOT NULL,
  definition_id VARCHAR(64) NOT NULL,
  name VARCHAR(120) NOT NULL,
  metric VARCHAR(16) NOT NULL,
  comparator VARCHAR(16) NOT NULL,
  target DOUBLE PRECISION NOT NULL,
  threshold_s INT,
  queue_name VARCHAR(128),
  period VARCHAR(8) NOT NULL,
  zone VARCHAR(64) NOT NULL,
  min_calls INT NOT NULL,
  period_start BIGINT NOT NULL,
  period_end BIGINT NOT NULL,
  actual DOUBLE PRECISION NOT NULL,
  calls INT NOT NULL,
  detected_at BIGINT NOT NULL,
  -- One breach per definition and period: a restarted monitor judging it again stores nothing.
  CONSTRAINT sla_breaches_once UNIQUE (tenant_id, definition_id, period_start)
);
CREATE INDEX sla_breaches_by_period ON sla_breaches (tenant_id, period_start);
CREATE TABLE sla_webhooks (
  tenant_id VARCHAR(64) PRIMARY KEY,
  urls VARCHAR(5000) NOT NULL,
  secret VARCHAR(200) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(64) NOT NULL
);
CREATE TABLE sla_webhook_deliveries (
  id VARCHAR(64) PRIMARY KEY,
  tenant_id VARCHAR(64) NOT NULL,
  breach_id VARCHAR(64) NOT NULL,
  url VARCHAR(1000) NOT NULL,
  attempt INT NOT NULL,
  attempted_at BIGINT NOT NULL,
  status INT,
  error VARCHAR(500),
  delivered BOOLEAN NOT NULL
);
CREATE INDEX sla_deliveries_newest ON sla_webhook_deliveries (tenant_id, attempted_at);
