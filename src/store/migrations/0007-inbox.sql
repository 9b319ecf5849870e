-- 0007-inbox.sql: what the inbox keeps besides tickets: canned replies.
--
-- A canned reply's body may hold variables ({{customer.name}}, …) that the
-- composer fills in (src/core/kefu-canned.c); the store keeps it as typed.

CREATE TABLE canned_replies (
  id          INTEGER PRIMARY KEY,
  title       TEXT    NOT NULL,
  body        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL DEFAULT 0,
  updated_at  INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX canned_replies_title ON canned_replies (title COLLATE NOCASE, id);

-- A snoozed ticket waits as pending until its time; then the application
-- wakes it (it opens again) and its row goes. A ticket has one snooze.
CREATE TABLE snoozes (
  ticket_id   INTEGER PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  until       INTEGER NOT NULL,
  created_at  INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX snoozes_until ON snoozes (until);
