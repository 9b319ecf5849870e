-- 0005-reports.sql: what reports read fast, and satisfaction ratings.
--
-- A report reads the tickets opened in a period (tickets_created) and the
-- older ones still open when it began (tickets_resolved). What it needs of a
-- ticket's messages (agent replies, robot messages, the first agent reply)
-- is kept on the ticket by triggers, so a report over 100,000 tickets reads
-- no message at all.

ALTER TABLE tickets ADD COLUMN agent_reply_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN robot_message_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_agent_reply_at INTEGER NOT NULL DEFAULT 0;

UPDATE tickets SET
  agent_reply_count = (SELECT count (*) FROM messages m WHERE m.ticket_id = tickets.id AND m.direction = 'out'),
  robot_message_count = (SELECT count (*) FROM messages m WHERE m.ticket_id = tickets.id AND m.direction = 'robot'),
  first_agent_reply_at = coalesce ((SELECT min (m.created_at) FROM messages m
                                    WHERE m.ticket_id = tickets.id AND m.direction = 'out'), 0);

CREATE TRIGGER messages_reports_insert AFTER INSERT ON messages
  WHEN new.direction IN ('out', 'robot')
BEGIN
  UPDATE tickets SET
    agent_reply_count = agent_reply_count + (new.direction = 'out'),
    robot_message_count = robot_message_count + (new.direction = 'robot'),
    first_agent_reply_at = CASE
      WHEN new.direction = 'out' AND (first_agent_reply_at = 0 OR new.created_at < first_agent_reply_at)
      THEN new.created_at ELSE first_agent_reply_at END
  WHERE id = new.ticket_id;
END;

-- Deleting or moving a message is rare: count that ticket again.
CREATE TRIGGER messages_reports_delete AFTER DELETE ON messages
  WHEN old.direction IN ('out', 'robot')
BEGIN
  UPDATE tickets SET
    agent_reply_count = (SELECT count (*) FROM messages m WHERE m.ticket_id = tickets.id AND m.direction = 'out'),
    robot_message_count = (SELECT count (*) FROM messages m WHERE m.ticket_id = tickets.id AND m.direction = 'robot'),
    first_agent_reply_at = coalesce ((SELECT min (m.created_at) FROM messages m
                                      WHERE m.ticket_id = tickets.id AND m.direction = 'out'), 0)
  WHERE id = old.ticket_id;
END;

CREATE TRIGGER messages_reports_update AFTER UPDATE OF direction, ticket_id, created_at ON messages
BEGIN
  UPDATE tickets SET
    agent_reply_count = (SELECT count (*) FROM messages m WHERE m.ticket_id = tickets.id AND m.direction = 'out'),
    robot_message_count = (SELECT count (*) FROM messages m WHERE m.ticket_id = tickets.id AND m.direction = 'robot'),
    first_agent_reply_at = coalesce ((SELECT min (m.created_at) FROM messages m
                                      WHERE m.ticket_id = tickets.id AND m.direction = 'out'), 0)
  WHERE id IN (old.ticket_id, new.ticket_id);
END;

-- Everything a dashboard reads of a ticket, so that the period's tickets
-- are one range of one index, never the table rows.
CREATE INDEX tickets_created ON tickets (created_at, channel, status, assignee_id, resolved_at,
                                         agent_reply_count, robot_message_count, first_agent_reply_at);
CREATE INDEX tickets_resolved ON tickets (resolved_at, created_at, channel);

-- A visitor's satisfaction rating of a ticket (the chat widget asks for it).
CREATE TABLE ratings (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment    TEXT,
  created_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ratings_created ON ratings (created_at);
CREATE INDEX ratings_ticket ON ratings (ticket_id);
