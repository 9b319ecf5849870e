-- 0004-robot-kb.sql: the robot's knowledge base (mirrors migrations/0004-robot-kb.sql).
--
-- One row per entry of kb.json's format; alternates and tags are JSON arrays
-- of strings. Entries sharing group_name are translations of one answer.

CREATE TABLE kb_entries (
  id          TEXT    PRIMARY KEY NOT NULL,
  group_name  TEXT    NOT NULL,
  lang        TEXT    NOT NULL,
  question    TEXT    NOT NULL,
  alternates  JSONB   NOT NULL DEFAULT '[]' CHECK (jsonb_typeof (alternates) = 'array'),
  answer      TEXT    NOT NULL,
  tags        JSONB   NOT NULL DEFAULT '[]' CHECK (jsonb_typeof (tags) = 'array'),
  enabled     INTEGER NOT NULL DEFAULT 1,
  position    BIGINT  NOT NULL,
  updated_at  BIGINT  NOT NULL
);

CREATE INDEX kb_entries_position ON kb_entries (position);
