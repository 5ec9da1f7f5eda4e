-- Number search matches the end of a number (the whole number, or its last digits). A LIKE
-- '%digits' cannot use an index; the reversed number with LIKE 'stigid%' can, on H2 and PostgreSQL.
-- V12 (a Java migration: H2 has no REVERSE function) fills these for rows stored before.
ALTER TABLE recordings ADD COLUMN from_reversed VARCHAR(128);
ALTER TABLE recordings ADD COLUMN to_reversed VARCHAR(128);
CREATE INDEX recordings_tenant_from_rev_idx ON recordings (tenant_id, from_reversed);
CREATE INDEX recordings_tenant_to_rev_idx ON recordings (tenant_id, to_reversed);
