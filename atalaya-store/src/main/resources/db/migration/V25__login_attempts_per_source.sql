-- Failed logins per (login, source address): a stranger's guesses lock out only the stranger, never
-- the account's owner at another address. lockouts counts the lockouts in a row, for the growing
-- back-off. The old per-login rows are transient (15 minutes at most) and are not carried over.
DROP TABLE login_attempts;
CREATE TABLE login_attempts (
  login VARCHAR(64) NOT NULL,
  source VARCHAR(64) NOT NULL,
  failures INTEGER NOT NULL,
  first_failure_at BIGINT NOT NULL,
  locked_until BIGINT,
  lockouts INTEGER NOT NULL,
  PRIMARY KEY (login, source)
);
