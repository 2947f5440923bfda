// Feed snapshots: one ranked list per (viewer, first request), read by any
// API replica when later pages are asked for; expired ones are deleted.
CREATE CONSTRAINT feed_snapshot_id IF NOT EXISTS
FOR (s:FeedSnapshot) REQUIRE s.id IS UNIQUE;
CREATE INDEX feed_snapshot_expires_at IF NOT EXISTS
FOR (s:FeedSnapshot) ON (s.expiresAt);
