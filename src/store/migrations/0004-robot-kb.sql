-- 0004-robot-kb.sql: the robot's knowledge base, shared by everyone on the database.
--
-- One row per entry of kb.json's format; alternates and tags are JSON arrays
-- of strings. Entries sharing group_name are translations of one answer.

CREATE TABLE kb_entries (
  id          TEXT PRIMARY KEY NOT NULL,
  group_name  TEXT NOT NULL,
  lang        TEXT NOT NULL,
  question    TEXT NOT NULL,
  alternates  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (alternates)),
  answer      TEXT NOT NULL,
  tags        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (tags)),
  enabled     INTEGER NOT NULL DEFAULT 1,
  position    INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE INDEX kb_entries_position ON kb_entries (position);
