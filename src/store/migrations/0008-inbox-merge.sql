-- 0008-inbox-merge.sql: merged tickets and customers, kept so a merge can be undone.
--
-- A ticket merge moves the messages and thread keys of one ticket (the
-- source) into another (the target) and closes the source; a target that
-- was done opens again when open work joins it. The row keeps what moved
-- and both statuses, so that Undo puts exactly that back. Lists of ids and keys
-- are text, one value per line, to stay plain across databases.

CREATE TABLE ticket_merges (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  target_id      INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  source_status  TEXT    NOT NULL,
  target_status  TEXT    NOT NULL,
  message_ids    TEXT    NOT NULL DEFAULT '',
  thread_keys    TEXT    NOT NULL DEFAULT '',
  agent_id       INTEGER,
  created_at     INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX ticket_merges_source ON ticket_merges (source_id, id);
CREATE INDEX ticket_merges_target ON ticket_merges (target_id, id);

-- A customer merge moves the identities and tickets of one customer (the
-- source) to another (the target) and deletes the source; the row keeps the
-- source's profile and what moved, so that it can be separated again by
-- hand with the same id.
CREATE TABLE customer_merges (
  id              INTEGER PRIMARY KEY,
  source_id       INTEGER NOT NULL,
  target_id       INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  source_name     TEXT    NOT NULL DEFAULT '',
  source_company  TEXT,
  source_notes    TEXT,
  source_language TEXT,
  source_created  INTEGER NOT NULL DEFAULT 0,
  identity_ids    TEXT    NOT NULL DEFAULT '',
  ticket_ids      TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX customer_merges_target ON customer_merges (target_id, id);

-- Suggestions look up the addresses visitors left in chat (events of kind
-- chat-contact) without reading every event.
CREATE INDEX events_kind ON events (kind, ticket_id);
