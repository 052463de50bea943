-- Letters of application cases (依申请公开的告知书、答复书; src/applications/letters.h).
--
-- letter_templates: an agency's own wording of a letter, replacing the default shipped in the code
-- for that agency only. `kind` is the template key (correction_notice, reply.partial, …); title,
-- addressee and body are plain text with {占位符}, checked when saved. No row: the default applies.
CREATE TABLE letter_templates (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  addressee TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  UNIQUE (agency_id, kind)
);

-- letter_serials: the next letter number (文号 「…依申〔YYYY〕N号」) of an agency in a year, one
-- sequence shared by every kind of letter. Drawn inside the transaction of the step that issues the
-- letter (INSERT … ON CONFLICT DO UPDATE … RETURNING), so numbers are never shared or skipped by a
-- failed step.
CREATE TABLE letter_serials (
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  next INTEGER NOT NULL,
  PRIMARY KEY (agency_id, year)
);
