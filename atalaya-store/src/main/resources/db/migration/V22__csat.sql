-- The caller's 1-5 answer to the post-call survey (queues with csatSurvey), null when not asked
-- or not answered.
ALTER TABLE calls ADD COLUMN csat INT;
