-- Applications for disclosure (依申请公开): the case, its events (the statutory clock reads the
-- dated ones), and the files kept with it (ID proof, 补正 material, letters).
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,              -- tracking code given to the applicant
  password_hash TEXT NOT NULL,            -- argon2id of the query password
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  stage TEXT NOT NULL,
  resume_stage TEXT,                      -- where a consultation or fee wait returns to
  channel TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  received_date TEXT,                     -- 条例 Art. 31 receipt date; NULL until confirmed
  applicant_category TEXT NOT NULL,       -- 表三 column: person, commercial, research, ...
  applicant_name TEXT NOT NULL,
  id_type TEXT NOT NULL DEFAULT '',
  id_number TEXT NOT NULL DEFAULT '',
  credit_code TEXT NOT NULL DEFAULT '',
  legal_rep TEXT NOT NULL DEFAULT '',
  contact_person TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  form_wanted TEXT NOT NULL,
  delivery_wanted TEXT NOT NULL,
  fee_waiver INTEGER NOT NULL DEFAULT 0,
  assignee_user_id INTEGER REFERENCES users(id),
  handling_agency_id INTEGER REFERENCES agencies(id),
  assign_due TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  outcome_basis TEXT NOT NULL DEFAULT '',
  outcome_reasons TEXT NOT NULL DEFAULT '',
  withheld TEXT NOT NULL DEFAULT '',
  reply_text TEXT NOT NULL DEFAULT '',
  reply_date TEXT NOT NULL DEFAULT '',
  reply_delivery TEXT NOT NULL DEFAULT '',
  closed_date TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users(id),
  updated_at TEXT NOT NULL
);
CREATE INDEX applications_agency ON applications(agency_id, stage);
CREATE INDEX applications_received ON applications(received_date);
CREATE INDEX applications_applicant ON applications(applicant_name, submitted_at);

CREATE TABLE application_events (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  kind TEXT NOT NULL,
  date TEXT NOT NULL,
  data_json TEXT NOT NULL DEFAULT '{}',
  actor TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX application_events_case ON application_events(application_id, id);

CREATE TABLE application_files (
  id INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  size INTEGER NOT NULL,
  visible_to_applicant INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX application_files_case ON application_files(application_id);
