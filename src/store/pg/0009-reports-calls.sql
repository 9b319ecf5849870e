-- 0009-reports-calls.sql: phone calls as reports count them, and fast top tags
-- (mirrors migrations/0009-reports-calls.sql; the triggers are PL/pgSQL here).

CREATE TABLE calls (
  message_id  BIGINT  PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  incoming    INTEGER NOT NULL DEFAULT 1,
  outcome     TEXT    NOT NULL DEFAULT '',
  started_at  BIGINT  NOT NULL DEFAULT 0,
  answered_at BIGINT  NOT NULL DEFAULT 0,
  ended_at    BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX calls_started ON calls (started_at, incoming, answered_at, ended_at);

ALTER TABLE ticket_tags ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE ticket_tags ADD COLUMN channel TEXT NOT NULL DEFAULT '';

UPDATE ticket_tags SET
  created_at = (SELECT t.created_at FROM tickets t WHERE t.id = ticket_tags.ticket_id),
  channel = (SELECT t.channel FROM tickets t WHERE t.id = ticket_tags.ticket_id);

-- Before the row is written rather than after, as PostgreSQL allows.
CREATE FUNCTION kefu_ticket_tags_reports_insert () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.created_at, t.channel INTO NEW.created_at, NEW.channel
    FROM tickets t WHERE t.id = NEW.ticket_id;
  RETURN NEW;
END;
$$;

CREATE TRIGGER ticket_tags_reports_insert BEFORE INSERT ON ticket_tags
  FOR EACH ROW EXECUTE FUNCTION kefu_ticket_tags_reports_insert ();

CREATE FUNCTION kefu_tickets_reports_tags () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ticket_tags SET created_at = NEW.created_at, channel = NEW.channel
  WHERE ticket_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER tickets_reports_tags AFTER UPDATE OF created_at, channel ON tickets
  FOR EACH ROW WHEN (OLD.created_at <> NEW.created_at OR OLD.channel <> NEW.channel)
  EXECUTE FUNCTION kefu_tickets_reports_tags ();

CREATE INDEX ticket_tags_created ON ticket_tags (tag_id, created_at, channel);
