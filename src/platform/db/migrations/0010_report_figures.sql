-- The annual report's 表二 figures that the catalog cannot give (issue 6 §2): 行政许可 / 行政处罚 /
-- 行政强制 decision counts, 行政事业性收费 amounts, and for the 2019 trial format the item counts and
-- 政府集中采购. One set per agency and report year, one row per 表二 cell reference
-- ("table2.license.decisions"); the format definition decides which cells exist. A cell without a
-- row was not filled in (absent), which is not the same as 0. Amounts are fixed point: 1/1,000,000
-- of the column's unit (reports/table_values.h, kAmountScale).
CREATE TABLE report_figure_sets (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL,
  UNIQUE (agency_id, year)
);

CREATE TABLE report_figures (
  set_id INTEGER NOT NULL REFERENCES report_figure_sets(id),
  ref TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (set_id, ref)
);
