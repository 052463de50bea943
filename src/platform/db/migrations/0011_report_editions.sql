-- The annual report's text sections and its published editions (issue 6 §4, §7, §8).
--
-- report_drafts: the texts a clerk writes for one agency, report year and scope (self = the agency
-- alone, subtree = the agency and every unit under it, summed), as a JSON object of part key → text:
-- the five parts of 一、总体情况 (reports/document.h kOverviewParts), "problems" (五) and "other"
-- (六, printed after the fee sentence). "generated" holds the last draft generated from the figures
-- per overview part, so regenerating can tell the parts a clerk changed from those it may refill.
CREATE TABLE report_drafts (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('self', 'subtree')),
  texts_json TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  UNIQUE (agency_id, year, scope)
);

-- report_editions: every publication of a report. Edition 1 is the first; a corrected edition
-- (更正) adds N+1 with its 更正说明 and never changes an earlier row. snapshot_json is the whole
-- ReportDocument as JSON (reports/report_json.h): the published page and every later comparison
-- are drawn from it, never from the live records. item_id is the catalog item in the column
-- 政府信息公开年报 that all editions of the report share (its body shows the latest edition).
CREATE TABLE report_editions (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('self', 'subtree')),
  edition INTEGER NOT NULL CHECK (edition >= 1),
  snapshot_json TEXT NOT NULL,
  correction_note TEXT NOT NULL DEFAULT '',
  item_id INTEGER NOT NULL REFERENCES items(id),
  published_on TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by INTEGER REFERENCES users(id),
  UNIQUE (agency_id, year, scope, edition)
);
CREATE INDEX report_editions_year ON report_editions(year, agency_id);
