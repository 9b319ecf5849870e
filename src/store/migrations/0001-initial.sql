-- 0001-initial.sql: Kefu's first schema.
--
-- Times are INTEGER microseconds since the Unix epoch (UTC), 0 when unset.
-- Enums are stored as their GEnum nicks ("new", "open", "email", "in", …).
-- Applied in one transaction with PRAGMA user_version = 1.

CREATE TABLE customers (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL DEFAULT '',
  company         TEXT,
  notes           TEXT,
  language        TEXT,
  created_at      INTEGER NOT NULL DEFAULT 0,
  updated_at      INTEGER NOT NULL DEFAULT 0,
  last_contact_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE identities (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL,
  value       TEXT    NOT NULL,
  display     TEXT,
  created_at  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (kind, value)
);
CREATE INDEX identities_customer ON identities (customer_id, created_at, id);

CREATE TABLE agents (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL DEFAULT '',
  email      TEXT,
  role       TEXT    NOT NULL DEFAULT 'agent',
  created_at INTEGER NOT NULL DEFAULT 0
);

-- Passwords and tokens are never here: they live in the keyring.
CREATE TABLE accounts (
  id         INTEGER PRIMARY KEY,
  kind       TEXT    NOT NULL,
  name       TEXT    NOT NULL DEFAULT '',
  address    TEXT,
  config     TEXT    NOT NULL DEFAULT '{}',
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tickets (
  id                INTEGER PRIMARY KEY,
  number            INTEGER NOT NULL UNIQUE,
  subject           TEXT    NOT NULL DEFAULT '',
  status            TEXT    NOT NULL DEFAULT 'new',
  priority          TEXT    NOT NULL DEFAULT 'normal',
  channel           TEXT    NOT NULL,
  customer_id       INTEGER NOT NULL REFERENCES customers (id),
  assignee_id       INTEGER REFERENCES agents (id) ON DELETE SET NULL,
  preview           TEXT    NOT NULL DEFAULT '',
  message_count     INTEGER NOT NULL DEFAULT 0,
  created_at        INTEGER NOT NULL DEFAULT 0,
  updated_at        INTEGER NOT NULL DEFAULT 0,
  first_response_at INTEGER NOT NULL DEFAULT 0,
  resolved_at       INTEGER NOT NULL DEFAULT 0,
  due_at            INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  -- The sidebar's groups of statuses (0 new/open, 1 pending, 2 resolved/closed),
  -- so that each view is one range of an index, already in list order.
  bucket            INTEGER GENERATED ALWAYS AS
    (CASE status WHEN 'new' THEN 0 WHEN 'open' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END) VIRTUAL
);
-- Lists are ordered by (updated_at DESC, id DESC) and page by that key.
CREATE INDEX tickets_updated  ON tickets (updated_at DESC, id DESC);
CREATE INDEX tickets_bucket   ON tickets (bucket, updated_at DESC, id DESC);
CREATE INDEX tickets_status   ON tickets (status, updated_at DESC, id DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_id, bucket, updated_at DESC, id DESC);
CREATE INDEX tickets_customer ON tickets (customer_id, updated_at DESC, id DESC);
CREATE INDEX tickets_open     ON tickets (customer_id, channel, status, updated_at DESC);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT    NOT NULL UNIQUE
);

CREATE TABLE ticket_tags (
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (ticket_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_tag ON ticket_tags (tag_id);

CREATE TABLE messages (
  -- Below 2^32, so that (ticket_id << 32 | id) is a search key (see messages_fts).
  id             INTEGER PRIMARY KEY CHECK (id > 0 AND id < 4294967296),
  ticket_id      INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  direction      TEXT    NOT NULL,
  channel        TEXT    NOT NULL,
  account_id     INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
  agent_id       INTEGER REFERENCES agents (id) ON DELETE SET NULL,
  author_name    TEXT    NOT NULL DEFAULT '',
  author_address TEXT,
  recipient      TEXT,
  subject        TEXT,
  text           TEXT    NOT NULL DEFAULT '',
  html           TEXT,
  external_id    TEXT,
  delivery_state TEXT    NOT NULL DEFAULT 'none',
  delivery_error TEXT,
  created_at     INTEGER NOT NULL DEFAULT 0,
  updated_at     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX messages_ticket ON messages (ticket_id, created_at, id);
CREATE UNIQUE INDEX messages_external ON messages (channel, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX messages_queued ON messages (delivery_state)
  WHERE delivery_state = 'queued';

-- Content is stored once per SHA-256, however often it is attached.
CREATE TABLE attachment_blobs (
  hash TEXT    PRIMARY KEY,
  size INTEGER NOT NULL,
  data BLOB    NOT NULL
) WITHOUT ROWID;

CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY,
  message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  hash       TEXT    NOT NULL REFERENCES attachment_blobs (hash),
  filename   TEXT    NOT NULL DEFAULT '',
  mime_type  TEXT    NOT NULL DEFAULT 'application/octet-stream',
  content_id TEXT,
  size       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments (message_id, id);
CREATE INDEX attachments_hash ON attachments (hash);

-- Message-IDs, References and chat sessions that lead back to a ticket.
CREATE TABLE thread_keys (
  key       TEXT    PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX thread_keys_ticket ON thread_keys (ticket_id);

-- The audit trail: who changed what on a ticket, and when.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  agent_id   INTEGER REFERENCES agents (id) ON DELETE SET NULL,
  kind       TEXT    NOT NULL,
  detail     TEXT,
  created_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_ticket ON events (ticket_id, created_at, id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Full-text search: external-content FTS5 tables kept in sync by triggers.
-- "kefu" is registered by the store on every connection (kefu-fts-tokenizer.c).
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  subject, content = 'tickets', content_rowid = 'id', tokenize = 'porter kefu'
);
-- Message texts are keyed by (ticket_id << 32 | message id): a match names
-- its ticket without a lookup per matching message, which is what makes a
-- common word fast over a million messages. messages_search is the content.
CREATE VIEW messages_search AS
  SELECT (ticket_id << 32) | id AS search_key, text FROM messages;
CREATE VIRTUAL TABLE messages_fts USING fts5 (
  text, content = 'messages_search', content_rowid = 'search_key', tokenize = 'porter kefu'
);
CREATE VIRTUAL TABLE customers_fts USING fts5 (
  name, company, content = 'customers', content_rowid = 'id', tokenize = 'porter kefu'
);
CREATE VIRTUAL TABLE identities_fts USING fts5 (
  value, display, content = 'identities', content_rowid = 'id', tokenize = 'porter kefu'
);

CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO tickets_fts (rowid, subject) VALUES (new.id, new.subject);
END;
CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject ON tickets BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
  INSERT INTO tickets_fts (rowid, subject) VALUES (new.id, new.subject);
END;

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, text) VALUES ((new.ticket_id << 32) | new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text)
    VALUES ('delete', (old.ticket_id << 32) | old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text, ticket_id ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text)
    VALUES ('delete', (old.ticket_id << 32) | old.id, old.text);
  INSERT INTO messages_fts (rowid, text) VALUES ((new.ticket_id << 32) | new.id, new.text);
END;

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customers_fts (rowid, name, company) VALUES (new.id, new.name, new.company);
END;
CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, company)
    VALUES ('delete', old.id, old.name, old.company);
END;
CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, company ON customers BEGIN
  INSERT INTO customers_fts (customers_fts, rowid, name, company)
    VALUES ('delete', old.id, old.name, old.company);
  INSERT INTO customers_fts (rowid, name, company) VALUES (new.id, new.name, new.company);
END;

CREATE TRIGGER identities_fts_insert AFTER INSERT ON identities BEGIN
  INSERT INTO identities_fts (rowid, value, display) VALUES (new.id, new.value, new.display);
END;
CREATE TRIGGER identities_fts_delete AFTER DELETE ON identities BEGIN
  INSERT INTO identities_fts (identities_fts, rowid, value, display)
    VALUES ('delete', old.id, old.value, old.display);
END;
CREATE TRIGGER identities_fts_update AFTER UPDATE OF value, display ON identities BEGIN
  INSERT INTO identities_fts (identities_fts, rowid, value, display)
    VALUES ('delete', old.id, old.value, old.display);
  INSERT INTO identities_fts (rowid, value, display) VALUES (new.id, new.value, new.display);
END;
