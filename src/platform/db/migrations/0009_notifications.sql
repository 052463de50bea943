-- Notifications (issue 5 §1, §8): the outbox of e-mails and SMS waiting to be delivered by the
-- scheduler of `gongkai serve`, and the staff's e-mail address for deadline reminders.
-- A message is queued (sent_at NULL, attempts < 5), sent (sent_at set) or failed (attempts = 5).
-- dedupe_key makes enqueueing idempotent, e.g. "reminder:{case}:{overdue}:{due}:{address}".
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at TEXT NOT NULL           -- not before this time (backoff after a failure; a sender's claim)
);
CREATE INDEX outbox_pending ON outbox(next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_created ON outbox(created_at);

-- Where deadline reminders of an agency's cases go ('' = none).
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
