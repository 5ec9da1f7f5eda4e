-- What the KPIs need from routing: when a call entered its queue (after the IVR and any notice,
-- so the time spent there is not counted as waiting) and how long the customer was on hold.
ALTER TABLE calls ADD COLUMN queued_at BIGINT;
ALTER TABLE calls ADD COLUMN hold_seconds BIGINT DEFAULT 0 NOT NULL;
-- Each tenant's queues and agents' skills, as the one JSON document admins wrote.
CREATE TABLE routing_documents (
  tenant_id VARCHAR(64) PRIMARY KEY,
  body VARCHAR(1000000) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(64) NOT NULL
);
