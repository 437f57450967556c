-- A misses database of schema version 1, made by bot/misses.py as of fa19af0 (before
-- chat hashes were keyed) and dumped with sqlite3's iterdump, plus its user_version.
-- Chats: 1001 asked at 09:00, 1002 at 10:00, the supergroup -1001000000001 asked at
-- 11:00 and pressed a button at 12:00; the question at 13:00 came with no chat.
BEGIN TRANSACTION;
CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,            -- UTC, ISO 8601 with +00:00: sorts as time does
            outcome TEXT NOT NULL CHECK (outcome IN ('unknown', 'clarify', 'resolved')),
            question TEXT NOT NULL,
            language TEXT NOT NULL,
            candidates TEXT NOT NULL,    -- JSON [[fact id, score], ...], best first
            chosen_fact TEXT,            -- the fact a reader picked ('resolved' only)
            chat_hash TEXT               -- sha256(salt + chat id), truncated; never the id
        );
INSERT INTO "events" VALUES(1,'2025-03-01T09:00:00.000000+00:00','unknown','how much does the ISS weigh?','en','[["iss-assembly", 0.3]]',NULL,'8e9f492a9d7949be');
INSERT INTO "events" VALUES(2,'2025-03-02T10:00:00.000000+00:00','unknown','how heavy is the ISS?','en','[["iss-assembly", 0.28]]',NULL,'bce2b1df52d7f40a');
INSERT INTO "events" VALUES(3,'2025-03-03T11:00:00.000000+00:00','clarify','who is the boss','en','[["roscosmos-director", 0.6], ["nasa-administrator", 0.58]]',NULL,'e7efb9ae319ffb9d');
INSERT INTO "events" VALUES(4,'2025-03-03T12:00:00.000000+00:00','resolved','who is the boss','en','[]','roscosmos-director','e7efb9ae319ffb9d');
INSERT INTO "events" VALUES(5,'2025-03-04T13:00:00.000000+00:00','unknown','сколько весит МКС?','ru','[]',NULL,NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('salt','70e8a841856cb5806eb9a5cb3c2039e9');
CREATE INDEX events_at ON events (at);
COMMIT;
PRAGMA user_version = 1;
