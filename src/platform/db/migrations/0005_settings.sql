-- Platform settings a platform administrator changes in the back office (key → value text), e.g.
-- the statutory clock's start-day rule. Absent keys take the built-in defaults.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
