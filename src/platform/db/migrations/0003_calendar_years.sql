-- Holiday schedules a platform administrator entered for years the shipped data lacks (e.g. 2027,
-- once the State Council notice appears), in the data/holidays file format.
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  schedule_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
