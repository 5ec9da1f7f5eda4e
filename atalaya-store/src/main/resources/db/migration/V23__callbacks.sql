-- The caller chose to be called back while waiting (queues with a callbackKey).
ALTER TABLE calls ADD COLUMN callback BOOLEAN DEFAULT FALSE NOT NULL;
