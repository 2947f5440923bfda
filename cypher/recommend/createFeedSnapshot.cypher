// Stores a ranked feed for $viewerId as a FeedSnapshot node ($items is the
// JSON of the ranked items), then deletes up to 1000 expired snapshots.
CREATE (s:FeedSnapshot {id: $id, viewerId: $viewerId, createdAt: $now,
  expiresAt: $expiresAt, size: $size, items: $items})
WITH s
CALL (s) {
  MATCH (old:FeedSnapshot)
  WHERE old.expiresAt < $now
  WITH old LIMIT 1000
  DELETE old
}
RETURN s.id AS id
