-- 0009-reports-calls.sql: phone calls as reports count them, and fast top tags.
--
-- A call is stored as a message of the phone channel (its text is for
-- people, in their language); the phone channel also keeps the facts a
-- report counts here, one row per call message: who called, whether someone
-- answered, when it started, was answered and ended. Missed calls are
-- incoming calls nobody answered; a call's length runs from answer to end.

CREATE TABLE calls (
  message_id  INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
  incoming    INTEGER NOT NULL DEFAULT 1,
  outcome     TEXT    NOT NULL DEFAULT '',
  started_at  INTEGER NOT NULL DEFAULT 0,
  answered_at INTEGER NOT NULL DEFAULT 0,
  ended_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_started ON calls (started_at, incoming, answered_at, ended_at);

-- Top tags count the tags of a period's tickets. With the ticket's opening
-- time and channel on each tag row, each tag's count is one range of one
-- covering index, instead of a probe into ticket_tags and tags per ticket
-- and a sort of every use. Triggers keep the copies right when a tag is
-- added or a ticket's time or channel changes.
ALTER TABLE ticket_tags ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ticket_tags ADD COLUMN channel TEXT NOT NULL DEFAULT '';

UPDATE ticket_tags SET
  created_at = (SELECT t.created_at FROM tickets t WHERE t.id = ticket_tags.ticket_id),
  channel = (SELECT t.channel FROM tickets t WHERE t.id = ticket_tags.ticket_id);

CREATE TRIGGER ticket_tags_reports_insert AFTER INSERT ON ticket_tags
BEGIN
  UPDATE ticket_tags SET
    created_at = (SELECT t.created_at FROM tickets t WHERE t.id = new.ticket_id),
    channel = (SELECT t.channel FROM tickets t WHERE t.id = new.ticket_id)
  WHERE ticket_id = new.ticket_id AND tag_id = new.tag_id;
END;

CREATE TRIGGER tickets_reports_tags AFTER UPDATE OF created_at, channel ON tickets
  WHEN old.created_at <> new.created_at OR old.channel <> new.channel
BEGIN
  UPDATE ticket_tags SET created_at = new.created_at, channel = new.channel
  WHERE ticket_id = new.id;
END;

CREATE INDEX ticket_tags_created ON ticket_tags (tag_id, created_at, channel);
