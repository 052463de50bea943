-- The register of administrative reconsideration (行政复议) and litigation (行政诉讼) about
-- disclosure: each case linked to an application when there is one. It feeds the annual report's 表四.
CREATE TABLE review_cases (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  application_id INTEGER REFERENCES applications(id),
  kind TEXT NOT NULL,          -- review | suit_direct | suit_after_review
  body TEXT NOT NULL,          -- 复议机关 or 人民法院
  case_no TEXT NOT NULL DEFAULT '',
  applicant TEXT NOT NULL DEFAULT '',
  filed_date TEXT NOT NULL,    -- 申请复议 / 起诉 date
  result TEXT NOT NULL,        -- pending | upheld | corrected | other
  decided_date TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX review_cases_agency ON review_cases(agency_id, filed_date);
CREATE INDEX review_cases_application ON review_cases(application_id);
