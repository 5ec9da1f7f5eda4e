-- IVR flows and business hours per tenant, as the JSON documents admins wrote (checked before saving).
CREATE TABLE ivr_flows (
  tenant_id VARCHAR(64) NOT NULL,
  flow_id VARCHAR(64) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(64) NOT NULL,
  PRIMARY KEY (tenant_id, flow_id)
);
CREATE TABLE business_hours (
  tenant_id VARCHAR(64) PRIMARY KEY,
  body VARCHAR(1000000) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(64) NOT NULL
);
