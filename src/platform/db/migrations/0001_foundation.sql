-- Agencies, accounts, sessions, audit trail, catalog: the foundation schema.
-- Dates are ISO 8601 text (YYYY-MM-DD), timestamps ISO 8601 UTC text (YYYY-MM-DDTHH:MM:SSZ).

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('content_generation', '1');

-- 机关: a tree. level: province, city, county, township, department.
CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES agencies(id),
  name TEXT NOT NULL UNIQUE,
  short_name TEXT NOT NULL DEFAULT '',
  level TEXT NOT NULL CHECK (level IN ('province','city','county','township','department')),
  credit_code TEXT NOT NULL UNIQUE,
  region_code TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  office_hours TEXT NOT NULL DEFAULT '',
  guide_html TEXT NOT NULL DEFAULT '',
  index_pattern TEXT NOT NULL DEFAULT '{统一社会信用代码}/{YYYY}-{serial:05d}',
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX agencies_parent ON agencies(parent_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- role: drafter, secrecy, reviewer, signer, agency_admin, platform_admin, supervisor.
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

-- Sessions and API tokens store only a hash of the secret the client holds.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);

-- Failed logins, for throttling per account and per IP.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  ip TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_user ON login_failures(username, at);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

-- Append-only audit trail: every state change, who, when, before -> after, comment.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT '{}',
  after_json TEXT NOT NULL DEFAULT '{}',
  comment TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_events(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events
  BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

-- 栏目. kind: rules (政府信息公开制度), statutory (法定主动公开内容), annual_report (年报), custom.
CREATE TABLE columns (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'custom',
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (agency_id, slug),
  UNIQUE (agency_id, name)
);

-- Content-addressed file store (SHA-256 of the bytes). Kept in the database so that one backup
-- holds everything.
CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  data BLOB NOT NULL
);

-- 主动公开 catalog items.
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  column_id INTEGER REFERENCES columns(id),
  state TEXT NOT NULL DEFAULT 'draft',
  title TEXT NOT NULL,
  index_no TEXT UNIQUE,
  publisher TEXT NOT NULL,
  subject TEXT NOT NULL,
  genre TEXT NOT NULL,
  doc_no TEXT NOT NULL DEFAULT '',
  written_date TEXT,
  publish_date TEXT,
  validity TEXT NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid','expired','repealed')),
  repeal_date TEXT,
  keywords TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  body_html TEXT NOT NULL DEFAULT '',
  disclosure TEXT NOT NULL DEFAULT 'proactive' CHECK (disclosure IN ('proactive','on_request','withheld')),
  withheld_reason TEXT NOT NULL DEFAULT '',
  interprets_id INTEGER REFERENCES items(id),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  published_at TEXT
);
CREATE INDEX items_public ON items(state, disclosure, publish_date DESC);
CREATE INDEX items_agency ON items(agency_id, state);
CREATE INDEX items_column ON items(column_id, state);
CREATE INDEX items_interprets ON items(interprets_id);

CREATE TABLE item_attachments (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  filename TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX item_attachments_item ON item_attachments(item_id);

-- Serial numbers for 索引号: per agency and year, never reused.
CREATE TABLE index_serials (
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  year INTEGER NOT NULL,
  last_serial INTEGER NOT NULL,
  PRIMARY KEY (agency_id, year)
);
